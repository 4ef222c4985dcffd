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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one event loop's health, from {@link NioImplementation#loopStatistics()}:
 * what the blocked-loop watchdog saw and how late timers fired. Cheap to take (the
 * counters are kept anyway); the loop is not disturbed.
 *
 * @param name the loop thread's name
 * @param pendingTasks tasks queued for the loop and not yet run
 * @param blockedFor how long the loop has been blocked by one handler call, task or
 * timer, if it is blocked now (longer than the threshold); {@code null} if not
 * @param blockedNow what blocks it now (a connection and its handler, a task), or
 * {@code null}
 * @param blockedEpisodes how many times the loop was blocked longer than the threshold
 * @param blockedTotal the total time of those episodes that ended
 * @param timersFired how many timers fired
 * @param timerLagTotal the sum of how late they fired
 * @param timerLagMax the latest a timer fired
 */
public record LoopStatistics(String name, int pendingTasks, @Nullable Duration blockedFor, @Nullable String blockedNow,
		long blockedEpisodes, Duration blockedTotal, long timersFired, Duration timerLagTotal, Duration timerLagMax) {

	/**
	 * Returns whether the loop is blocked now.
	 * @return whether a handler call, task or timer has run longer than the threshold and
	 * is still running
	 */
	public boolean isBlocked() {
		return this.blockedFor != null;
	}

}
