// The error of a UI request that is wrong on its face: answered 400 with its message, nothing sent to SWF.

/** A field of a UI request that cannot be used; the message names the field and the fix. */
export class BadRequest extends Error {
  override readonly name = 'BadRequest';
}
