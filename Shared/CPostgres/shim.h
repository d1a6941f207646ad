// libpq (Debian: libpq-dev) keeps its header under postgresql/.
#include <postgresql/libpq-fe.h>
