/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.nio;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The NIO loop's timers ({@link TimerQueue}, package-private, so this benchmark lives in
 * its package): scheduling a connection timeout and cancelling it again, as a request
 * deadline does per message, with many other timeouts pending on the same loop. One
 * thread, as on a loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TimerBenchmarks {

	private static final Runnable NOTHING = () -> {
	};

	/** Timers pending on the loop besides the one scheduled and cancelled. */
	@Param({ "0", "100000" })
	public int pending;

	private TimerQueue timers;

	private long now;

	@Setup
	public void setUp() {
		this.timers = new TimerQueue();
		for (int i = 0; i < this.pending; i++) {
			this.timers.schedule(0, TimeUnit.SECONDS.toNanos(30) + i, NOTHING);
		}
	}

	/**
	 * Schedules a 30-second timer and cancels it.
	 * @return the timer, so the JIT keeps the work
	 */
	@Benchmark
	public Object scheduleAndCancel() {
		TimerQueue.Timer timer = this.timers.schedule(this.now++, TimeUnit.SECONDS.toNanos(30), NOTHING);
		timer.cancel();
		return timer;
	}

}
