// aikg/aikg.h: the whole public API of aikg in one include.

#ifndef AIKG_AIKG_H_
#define AIKG_AIKG_H_

#include "aikg/algorithms.h"
#include "aikg/diagnostic.h"
#include "aikg/export.h"
#include "aikg/graph.h"
#include "aikg/import.h"
#include "aikg/json.h"
#include "aikg/model.h"
#include "aikg/paths.h"
#include "aikg/query.h"
#include "aikg/rdf.h"
#include "aikg/resolve.h"
#include "aikg/schema.h"
#include "aikg/search.h"
#include "aikg/snapshot.h"
#include "aikg/summary.h"
#include "aikg/text.h"
#include "aikg/time.h"
#include "aikg/timeline.h"
#include "aikg/view.h"

#endif  // AIKG_AIKG_H_
