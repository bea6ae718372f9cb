#ifndef CSLUICE_H
#define CSLUICE_H
#include "csl_sys.h"
#include "csl_ssl.h"
#endif
