#ifndef DBIND_ICU_SHIM_H
#define DBIND_ICU_SHIM_H
#include <stdint.h>

/// Kinds of break iteration offered by the shim.
enum { DBIND_BREAK_WORD = 0, DBIND_BREAK_SENTENCE = 1 };

/// Finds UAX #29 boundaries in UTF-16 text with ICU.
/// Writes up to `capacity` boundary offsets (UTF-16 units, excluding 0) into `boundaries`
/// and, for word breaks, ICU's rule status of the segment ending there into `statuses`
/// (may be NULL). Returns the number of boundaries found (which may exceed `capacity`;
/// call again with a bigger buffer), or -1 when ICU reports an error.
int32_t dbind_breaks(int32_t kind, const uint16_t *text, int32_t length,
                     int32_t *boundaries, int32_t *statuses, int32_t capacity);

/// The Unicode version ICU implements, as "major.minor".
void dbind_unicode_version(char *out, int32_t capacity);

#endif
