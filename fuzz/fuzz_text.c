/* fuzz_text.c - libFuzzer target for the text reader (body in fuzz_reader.h). */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    return sf_fuzz_read(data, size, SF_FORMAT_TEXT, "fuzz.text");
}
