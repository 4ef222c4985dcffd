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

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TimerQueue}: due order, cancellation, and cancelled timers not piling up.
 */
class TimerQueueTests {

	private final TimerQueue timers = new TimerQueue();

	private final List<String> ran = new ArrayList<>();

	@Test
	void runsDueTimersInDeadlineThenSchedulingOrder() {
		this.timers.schedule(0, 30, () -> this.ran.add("c"));
		this.timers.schedule(0, 10, () -> this.ran.add("a"));
		this.timers.schedule(0, 10, () -> this.ran.add("b"));
		assertThat(this.timers.nanosUntilNext(0)).isEqualTo(10);
		assertThat(this.timers.runDue(20)).isEqualTo(2);
		assertThat(this.ran).containsExactly("a", "b");
		assertThat(this.timers.nanosUntilNext(20)).isEqualTo(10);
		this.timers.runDue(30);
		assertThat(this.ran).containsExactly("a", "b", "c");
		assertThat(this.timers.nanosUntilNext(30)).isEqualTo(-1);
	}

	@Test
	void aTimerScheduledByATimerWaitsForTheNextRun() {
		this.timers.schedule(0, 0, () -> this.timers.schedule(0, 0, () -> this.ran.add("second")));
		assertThat(this.timers.runDue(0)).isEqualTo(1);
		assertThat(this.ran).isEmpty();
		this.timers.runDue(0);
		assertThat(this.ran).containsExactly("second");
	}

	@Test
	void cancelStopsATimerOnceAndNeverAfterItRan() {
		TimerQueue.Timer cancelled = this.timers.schedule(0, 10, () -> this.ran.add("cancelled"));
		TimerQueue.Timer fired = this.timers.schedule(0, 10, () -> this.ran.add("fired"));
		assertThat(cancelled.cancel()).isTrue();
		assertThat(cancelled.cancel()).isFalse();
		assertThat(this.timers.size()).isEqualTo(1);
		this.timers.runDue(10);
		assertThat(fired.cancel()).isFalse();
		assertThat(this.ran).containsExactly("fired");
	}

	/**
	 * A connection that pushes its timeout back on every message cancels one timer and
	 * schedules another: the heap stays near the number of live timers.
	 */
	@Test
	void cancelledTimersDoNotPileUp() {
		int connections = 1000;
		TimerQueue.Timer[] live = new TimerQueue.Timer[connections];
		for (int round = 0; round < 200; round++) {
			for (int i = 0; i < connections; i++) {
				if (live[i] != null) {
					live[i].cancel();
				}
				live[i] = this.timers.schedule(round, 1_000_000, () -> {
				});
			}
			assertThat(this.timers.size()).isEqualTo(connections);
			assertThat(this.timers.heapSize()).isLessThanOrEqualTo(2 * connections + 64);
		}
	}

}
