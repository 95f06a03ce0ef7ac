/** Why one field of a command was refused: the API answers 400 with a list of these. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}
