/* version.c - the version of the library at run time. */
#include "storyfold.h"

const char *sf_version(void) { return SF_VERSION_STRING; }
