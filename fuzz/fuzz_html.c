/* fuzz_html.c - libFuzzer target for the HTML reader: any bytes go through
 * charset detection, libxml2, main-text extraction and metadata; nothing may
 * crash, leak or read out of bounds, and the text must be valid UTF-8. */
#include <stdint.h>
#include <string.h>

#include "ingest/html.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sf_page page;
    sf__page_init(&page);
    sf_error err;
    if (sf__html_extract((const char *)data, size, "https://example.org/2020/01/02/x", NULL,
                         &page, &err) == SF_OK) {
        if (page.text.n && !sf__utf8_valid(page.text.p, page.text.n)) __builtin_trap();
        volatile size_t n = strlen(page.title) + strlen(page.author) + strlen(page.site) +
                            strlen(page.url) + strlen(page.lang);
        (void)n;
    }
    sf__page_release(&page);
    return 0;
}
