// aikg/aikg.h: the whole public API of aikg in one include.

#ifndef AIKG_AIKG_H_
#define AIKG_AIKG_H_

#include "aikg/diagnostic.h"
#include "aikg/graph.h"
#include "aikg/json.h"
#include "aikg/model.h"
#include "aikg/schema.h"
#include "aikg/summary.h"
#include "aikg/text.h"
#include "aikg/time.h"

#endif  // AIKG_AIKG_H_
