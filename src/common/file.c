/* file.c - read a whole file or stream into a buffer, with the size cap of
 * the buffer and messages that name the file; every reader of whole files
 * (articles, alias lists, ROUGE summaries, label files) goes through here. */
#include "common.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>

sf_status sf__read_stream(FILE *f, const char *name, sf_buf *out, sf_error *err) {
    /* A regular file of known size is read straight into one allocation of
     * that size: no 64 KiB staging copy, no doubling and re-copying (a
     * 60 MB JSON Lines file spent about a sixth of `dedup` there). */
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
        (uint64_t)sb.st_size < (uint64_t)out->max) {
        sf_status st = sf__buf_reserve(out, (size_t)sb.st_size);
        if (st == SF_ERR_TOO_LARGE)
            return sf__error_set(err, st, "%s: more than the limit of %zu bytes", name, out->max);
        if (st != SF_OK) return sf__error_set(err, st, "%s: out of memory reading the file", name);
        size_t room = out->cap - out->n - 1, got;
        while (room > 0 && (got = fread(out->p + out->n, 1, room, f)) > 0) {
            out->n += got;
            room -= got;
        }
        out->p[out->n] = '\0';
    }
    /* the rest (a pipe, or a file that grew since fstat) in chunks */
    char chunk[1 << 16];
    size_t got;
    while (!ferror(f) && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        sf_status st = sf__buf_add(out, chunk, got);
        if (st == SF_ERR_TOO_LARGE)
            return sf__error_set(err, st, "%s: more than the limit of %zu bytes", name, out->max);
        if (st != SF_OK) return sf__error_set(err, st, "%s: out of memory reading the file", name);
    }
    if (ferror(f)) {
        int e = errno;
        sf__buf_release(out);
        return sf__error_set(err, SF_ERR_IO, "%s: read failed: %s", name, strerror(e));
    }
    return SF_OK;
}

sf_status sf__read_file(const char *path, const char *what, sf_buf *out, sf_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return sf__error_set(err, SF_ERR_IO, "%s: cannot open%s%s: %s", path, what ? " " : "",
                             what ? what : "", strerror(errno));
    sf_status st = sf__read_stream(f, path, out, err);
    fclose(f);
    return st;
}
