// SWF faults as thrown inside the server; the protocol layer turns them into HTTP 400 bodies.
import { FAULT_NAMESPACES, type ModeledFaultName, type ServiceErrorName } from '../swf-model/index.ts';

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
    return `${FAULT_NAMESPACES[this.type]}#${this.type}`;
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
