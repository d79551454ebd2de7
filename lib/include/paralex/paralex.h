/**
 * @file paralex/paralex.h
 * @brief The whole public API of libparalex.
 */
#ifndef PARALEX_H
#define PARALEX_H

#include "common.h"
#include "paralex/version.h"
#include "error.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "validate.h"
#include "registry.h"
#include "import.h"
#include "termbase.h"
#include "report.h"
#include "check.h"
#include "amend.h"
#include "context.h"

#endif
