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

package io.ngi.spring.boot.actuate;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

import io.ngi.nio.LoopStatistics;
import io.ngi.nio.NioImplementation;

/**
 * Meters of the NIO implementation's event loops, tagged {@code loop=<thread name>} (as
 * many values as loops):
 * <ul>
 * <li>{@code ngi.loop.blocked} (counter): episodes of a handler call, task or timer
 * running longer than {@code ngi.loop.blocked-threshold};</li>
 * <li>{@code ngi.loop.blocked.duration} (function timer): the episodes that ended, and
 * their total time;</li>
 * <li>{@code ngi.loop.lag} (function timer): timers fired and how late in total (a loop
 * that falls behind fires its timers late); {@code ngi.loop.lag.max} (time gauge): the
 * latest one;</li>
 * <li>{@code ngi.loop.tasks.pending} (gauge): tasks queued for the loop.</li>
 * </ul>
 * Every value is read from {@link NioImplementation#loopStatistics()} when the registry
 * asks; nothing is recorded on the loops' hot path.
 */
public final class NgiLoopMetrics {

	private final NioImplementation implementation;

	/**
	 * Registers the meters of every loop of {@code implementation} in {@code registry}.
	 * @param implementation the implementation whose loops to measure
	 * @param registry where to register the meters
	 */
	public NgiLoopMetrics(NioImplementation implementation, MeterRegistry registry) {
		this.implementation = Objects.requireNonNull(implementation, "implementation");
		bindTo(Objects.requireNonNull(registry, "registry"));
	}

	private void bindTo(MeterRegistry registry) {
		List<LoopStatistics> loops = this.implementation.loopStatistics();
		for (int i = 0; i < loops.size(); i++) {
			int index = i;
			String loop = loops.get(i).name();
			ToDoubleFunction<NioImplementation> episodes = (nio) -> stats(nio, index).blockedEpisodes();
			FunctionCounter.builder("ngi.loop.blocked", this.implementation, episodes)
				.description("Times a handler call, task or timer blocked the loop longer than the threshold")
				.tag("loop", loop)
				.register(registry);
			FunctionTimer
				.builder("ngi.loop.blocked.duration", this.implementation,
						(nio) -> (stats(nio, index).blockedFor() != null) ? stats(nio, index).blockedEpisodes() - 1
								: stats(nio, index).blockedEpisodes(),
						(nio) -> stats(nio, index).blockedTotal().toNanos(), TimeUnit.NANOSECONDS)
				.description("Blocked episodes of the loop that ended, and their total time")
				.tag("loop", loop)
				.register(registry);
			FunctionTimer
				.builder("ngi.loop.lag", this.implementation, (nio) -> stats(nio, index).timersFired(),
						(nio) -> stats(nio, index).timerLagTotal().toNanos(), TimeUnit.NANOSECONDS)
				.description("Timers fired on the loop, and how late in total")
				.tag("loop", loop)
				.register(registry);
			TimeGauge
				.builder("ngi.loop.lag.max", this.implementation, TimeUnit.NANOSECONDS,
						(nio) -> stats(nio, index).timerLagMax().toNanos())
				.description("The latest a timer fired on the loop")
				.tag("loop", loop)
				.register(registry);
			Gauge.builder("ngi.loop.tasks.pending", this.implementation, (nio) -> stats(nio, index).pendingTasks())
				.description("Tasks queued for the loop and not yet run")
				.tag("loop", loop)
				.register(registry);
		}
	}

	private static LoopStatistics stats(NioImplementation implementation, int index) {
		return implementation.loopStatistics().get(index);
	}

}
