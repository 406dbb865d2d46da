// How inputs and results travel as SWF strings: JSON, with "no value" as an absent field.

/** Turns values into the strings SWF carries and back (the shape of core's Serializer). */
export interface DataSerializer {
  serialize(value: unknown): string | undefined;
  deserialize(text: string | undefined): unknown;
}

/** JSON; `undefined` is sent as no field at all and an absent or empty field reads as `undefined`. */
export const jsonSerializer: DataSerializer = {
  serialize(value: unknown): string | undefined {
    return value === undefined ? undefined : JSON.stringify(value);
  },
  deserialize(text: string | undefined): unknown {
    return text === undefined || text === '' ? undefined : JSON.parse(text);
  },
};
