#ifndef REJOINDER_CEDITLINE_SHIM_H
#define REJOINDER_CEDITLINE_SHIM_H

#include <stdio.h>
#include <histedit.h>

#endif
