/* ner_model.c - the trained recognizer compiled into the library.
 *
 * The model file models/ner.model (written by tools/train_ner.c, see
 * docs/entities.md) is pulled into read-only data by the assembler's .incbin,
 * so a program never looks for it on disk and a fresh clone without the
 * training data still recognizes names. .incbin rather than a generated C
 * array: the binary file in git stays the one source, the build needs no
 * conversion step, and the bytes are used in place (no copy, no parsing
 * beyond the header). CMake passes the file's path (SF_NER_MODEL_FILE) and
 * rebuilds this object when the file changes.
 */
#include "ner.h"

#ifndef SF_NER_MODEL_FILE
#error "SF_NER_MODEL_FILE must name models/ner.model (set by CMakeLists.txt)"
#endif

__asm__(".section .rodata\n"
        ".balign 64\n"
        ".local sf__ner_model_bytes\n"
        "sf__ner_model_bytes:\n"
        ".incbin \"" SF_NER_MODEL_FILE "\"\n"
        ".local sf__ner_model_end\n"
        "sf__ner_model_end:\n"
        ".byte 0\n"
        ".previous\n");

extern const unsigned char sf__ner_model_bytes[];
extern const unsigned char sf__ner_model_end[];

sf_status sf__ner_model_default(sf_ner_model *out, sf_error *err) {
    return sf__ner_model_parse(sf__ner_model_bytes, (size_t)(sf__ner_model_end - sf__ner_model_bytes),
                               out, err);
}
