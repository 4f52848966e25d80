// glibc's allocator controls; other C libraries have no <malloc.h> with `mallopt`.
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
