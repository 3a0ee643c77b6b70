package io.github.harvestsdk

import kotlinx.coroutines.delay

/** Where the driver reads the time and sleeps: the wall clock, or a virtual one in tests. */
public interface HarvestClock {
    /** Wall-clock epoch milliseconds (`Retry-After` dates and token expiry are wall-clock). */
    public fun nowMs(): Long

    /** Suspends until [epochMs]; cancellable. */
    public suspend fun sleepUntil(epochMs: Long)
}

/** The system clock and `delay`. */
public object SystemClock : HarvestClock {
    override fun nowMs(): Long = System.currentTimeMillis()

    override suspend fun sleepUntil(epochMs: Long) {
        val ms = epochMs - nowMs()
        if (ms > 0) delay(ms)
    }
}
