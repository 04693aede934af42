/* main.c - placeholder entry while the commands are written. */
#include <stdio.h>
#include "storyfold.h"
int main(void) {
    printf("storyfold %s\n", SF_VERSION_STRING);
    return 0;
}
