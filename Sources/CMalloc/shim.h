// glibc's allocator controls (`mallopt`). `__GLIBC__` is defined by <features.h>, not by the
// compiler, so it is read first; other C libraries' <malloc.h> has no `mallopt`.
#if defined(__linux__)
#include <features.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif
