// SWF faults as thrown inside the server; the protocol layer turns them into HTTP 400 bodies.

/** Names of the faults SWF models (namespace com.amazonaws.swf.base.model). */
export type ModeledFaultName =
  | 'UnknownResourceFault'
  | 'DomainAlreadyExistsFault'
  | 'DomainDeprecatedFault'
  | 'TypeAlreadyExistsFault'
  | 'TypeDeprecatedFault'
  | 'TypeNotDeprecatedFault'
  | 'WorkflowExecutionAlreadyStartedFault'
  | 'DefaultUndefinedFault'
  | 'LimitExceededFault'
  | 'TooManyTagsFault'
  | 'OperationNotPermittedFault';

/** Service errors outside the SWF model that a compatible server still answers with. */
export type ServiceErrorName =
  | 'ValidationException'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'ServiceUnavailableException'
  | 'InternalFailure';

const namespaces: Record<ModeledFaultName | ServiceErrorName, string> = {
  UnknownResourceFault: 'com.amazonaws.swf.base.model',
  DomainAlreadyExistsFault: 'com.amazonaws.swf.base.model',
  DomainDeprecatedFault: 'com.amazonaws.swf.base.model',
  TypeAlreadyExistsFault: 'com.amazonaws.swf.base.model',
  TypeDeprecatedFault: 'com.amazonaws.swf.base.model',
  TypeNotDeprecatedFault: 'com.amazonaws.swf.base.model',
  WorkflowExecutionAlreadyStartedFault: 'com.amazonaws.swf.base.model',
  DefaultUndefinedFault: 'com.amazonaws.swf.base.model',
  LimitExceededFault: 'com.amazonaws.swf.base.model',
  TooManyTagsFault: 'com.amazonaws.swf.base.model',
  OperationNotPermittedFault: 'com.amazonaws.swf.base.model',
  ValidationException: 'com.amazon.coral.validate',
  SerializationException: 'com.amazon.coral.service',
  UnknownOperationException: 'com.amazon.coral.service',
  ServiceUnavailableException: 'com.amazon.coral.availability',
  InternalFailure: 'com.amazon.coral.service',
};

/** A fault the server answers with; `type` is the SWF fault or service error name. */
export class SwfFault extends Error {
  readonly type: ModeledFaultName | ServiceErrorName;
  constructor(type: ModeledFaultName | ServiceErrorName, message: string) {
    super(message);
    this.name = type;
    this.type = type;
  }

  /** SWF_SPEC 1.4: the `__type` value, namespace#Name. */
  get wireType(): string {
    return `${namespaces[this.type]}#${this.type}`;
  }

  /** SWF_SPEC 1.4: 400 for every modeled fault and validation error, 5xx only for our own failures. */
  get statusCode(): number {
    if (this.type === 'InternalFailure') return 500;
    return this.type === 'ServiceUnavailableException' ? 503 : 400;
  }
}

/** Shorthand for the most common fault. */
export function unknownResource(message: string): SwfFault {
  return new SwfFault('UnknownResourceFault', message);
}

/** Shorthand for a constraint violation naming the field. */
export function validationError(message: string): SwfFault {
  return new SwfFault('ValidationException', message);
}
