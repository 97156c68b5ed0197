/** A field's `value` left out: the field reads its value from the doc at its own path. */
export const FROM_PATH: unique symbol = Symbol('from-path');
