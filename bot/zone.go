package bot

import (
	"sync"
	"time"
)

// zones caches time zones by name: time.LoadLocation reads and parses the
// zoneinfo file at every call (about 20 µs and 16 allocations), and every
// message needs its user's zone. Only zones that loaded are kept, so the
// cache is bounded by the IANA database.
var zones sync.Map // string -> *time.Location

// cachedZone is time.LoadLocation, cached; UTC for "" or an unknown name.
func cachedZone(name string) *time.Location {
	if name == "" || name == "UTC" {
		return time.UTC
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	zones.Store(name, loc)
	return loc
}
