// The faults an SWF endpoint answers with (SWF_SPEC 1.4): the names the server throws and the
// names a client branches on are the same list, kept here once.

/** Namespace of each fault name on the wire (`__type`: `<namespace>#<name>`). */
export const FAULT_NAMESPACES = {
  // faults SWF models (com.amazonaws.swf.base.model)
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
  // service errors outside the SWF model that a compatible server still answers with
  ValidationException: 'com.amazon.coral.validate',
  SerializationException: 'com.amazon.coral.service',
  UnknownOperationException: 'com.amazon.coral.service',
  ServiceUnavailableException: 'com.amazon.coral.availability',
  InternalFailure: 'com.amazon.coral.service',
} as const;

/** Every fault or service error name an SWF endpoint answers with (the SDK's `error.name`). */
export type SwfFaultName = keyof typeof FAULT_NAMESPACES;

/** Names of the faults SWF models (namespace com.amazonaws.swf.base.model). */
export type ModeledFaultName = {
  [Name in SwfFaultName]: (typeof FAULT_NAMESPACES)[Name] extends 'com.amazonaws.swf.base.model' ? Name : never;
}[SwfFaultName];

/** Service errors outside the SWF model. */
export type ServiceErrorName = Exclude<SwfFaultName, ModeledFaultName>;
