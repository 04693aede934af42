/* error.c - status names and error messages with context. */
#include "common.h"

#include <stdio.h>

const char *sf_strerror(sf_status code) {
    switch (code) {
    case SF_OK: return "ok";
    case SF_ERR_NOMEM: return "out of memory";
    case SF_ERR_IO: return "input/output error";
    case SF_ERR_PARSE: return "parse error";
    case SF_ERR_ENCODING: return "encoding error";
    case SF_ERR_ARG: return "invalid argument";
    case SF_ERR_UNSUPPORTED: return "unsupported";
    case SF_ERR_TOO_LARGE: return "input too large";
    case SF_ERR_INTERNAL: return "internal library error";
    case SF_ERR_EMPTY: return "empty input";
    }
    return "unknown status";
}

sf_status sf__error_set(sf_error *err, sf_status st, const char *fmt, ...) {
    if (err) {
        err->status = st;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return st;
}

void sf__error_clear(sf_error *err) {
    if (err) {
        err->status = SF_OK;
        err->message[0] = '\0';
    }
}
