#include "ICUShim.h"
#include <unicode/ubrk.h>
#include <unicode/uversion.h>
#include <unicode/uchar.h>
#include <stdio.h>

/* One iterator per kind and thread: opening a dictionary-backed iterator costs far more than
   reusing it, and ICU iterators are not thread-safe. */
static _Thread_local UBreakIterator *iterators[2];

static UBreakIterator *iterator_for(int32_t kind) {
    if (kind < 0 || kind > 1) return NULL;
    if (iterators[kind] == NULL) {
        UErrorCode status = U_ZERO_ERROR;
        UBreakIterator *it = ubrk_open(kind == DBIND_BREAK_WORD ? UBRK_WORD : UBRK_SENTENCE,
                                       "", NULL, 0, &status);
        if (U_FAILURE(status)) return NULL;
        iterators[kind] = it;
    }
    return iterators[kind];
}

int32_t dbind_breaks(int32_t kind, const uint16_t *text, int32_t length,
                     int32_t *boundaries, int32_t *statuses, int32_t capacity) {
    UBreakIterator *it = iterator_for(kind);
    if (it == NULL) return -1;
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(it, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    for (int32_t b = ubrk_next(it); b != UBRK_DONE; b = ubrk_next(it)) {
        if (count < capacity) {
            boundaries[count] = b;
            if (statuses != NULL) statuses[count] = ubrk_getRuleStatus(it);
        }
        count++;
    }
    /* Detach the caller's buffer so the iterator never points at freed memory. */
    ubrk_setText(it, (const UChar *)u"", 0, &status);
    return count;
}

void dbind_unicode_version(char *out, int32_t capacity) {
    UVersionInfo v;
    u_getUnicodeVersion(v);
    snprintf(out, (size_t)capacity, "%d.%d", v[0], v[1]);
}
