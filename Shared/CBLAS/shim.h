// OpenBLAS's CBLAS interface (Debian: libopenblas-dev). openblas_set_num_threads and
// openblas_get_config are OpenBLAS extensions declared in the same header.
#include <cblas.h>
