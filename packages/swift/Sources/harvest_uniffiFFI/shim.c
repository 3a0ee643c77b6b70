// SwiftPM compiles a C target only if it has a source: the FFI itself is in libharvest_uniffi,
// linked by the HarvestFFI target (or the XCFramework on Apple platforms).
#include "harvest_uniffiFFI.h"
