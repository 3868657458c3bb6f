// Start-up: a tie is its ends, type and project; databases written when ties also stored a `key`
// property kept a uniqueness constraint on it, which only slows imports down now.
DROP CONSTRAINT {{TIE_TYPE}}_key_unique IF EXISTS
