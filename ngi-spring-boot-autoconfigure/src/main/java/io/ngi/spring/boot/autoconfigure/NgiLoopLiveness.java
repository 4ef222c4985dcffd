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

package io.ngi.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.ngi.Implementation;
import io.ngi.nio.LoopStatistics;
import io.ngi.nio.NioImplementation;

/**
 * Turns the application's liveness state {@code BROKEN} while an event loop of the NIO
 * implementation has been blocked (by one handler call, task or timer) for longer than
 * {@code ngi.loop.blocked-health-down-after}, and back {@code CORRECT} when it is free
 * again; and {@code BROKEN} for good when the implementation is closed while the
 * application runs (no loop is left to serve). A liveness probe then restarts an instance
 * whose loops are stuck, while readiness stays about traffic. Checks on its own daemon
 * thread ({@code ngi-liveness}), since a blocked loop cannot check itself; does nothing
 * when the setting is 0 or the implementation is not NIO.
 */
final class NgiLoopLiveness implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(NgiLoopLiveness.class);

	private final ObjectProvider<Implementation> implementation;

	private final Duration brokenAfter;

	private final ApplicationEventPublisher publisher;

	private @Nullable ScheduledExecutorService checker;

	private boolean broken;

	NgiLoopLiveness(ObjectProvider<Implementation> implementation, Duration brokenAfter,
			ApplicationEventPublisher publisher) {
		this.implementation = implementation;
		this.brokenAfter = brokenAfter;
		this.publisher = publisher;
	}

	@Override
	public synchronized void start() {
		if (this.checker != null || this.brokenAfter.isZero()
				|| !(this.implementation.getIfUnique() instanceof NioImplementation nio)) {
			return;
		}
		ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ngi-liveness");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(50, Math.min(1000, this.brokenAfter.toMillis() / 2));
		checker.scheduleWithFixedDelay(() -> check(nio), period, period, TimeUnit.MILLISECONDS);
		this.checker = checker;
	}

	private synchronized void check(NioImplementation nio) {
		if (nio.isClosed()) {
			if (!this.broken) {
				logger.error("NGI implementation {} was closed while the application runs: liveness BROKEN", nio);
				publish(LivenessState.BROKEN);
			}
			ScheduledExecutorService checker = this.checker;
			if (checker != null) {
				checker.shutdown();
			}
			return;
		}
		LoopStatistics stuck = null;
		for (LoopStatistics loop : nio.loopStatistics()) {
			Duration blockedFor = loop.blockedFor();
			if (blockedFor != null && blockedFor.compareTo(this.brokenAfter) > 0) {
				stuck = loop;
				break;
			}
		}
		if (stuck != null && !this.broken) {
			logger.error("NGI loop {} blocked for more than {} by {}: liveness BROKEN", stuck.name(),
					DurationStyle.SIMPLE.print(this.brokenAfter), stuck.blockedNow());
			publish(LivenessState.BROKEN);
		}
		else if (stuck == null && this.broken) {
			logger.info("NGI loops are free again: liveness CORRECT");
			publish(LivenessState.CORRECT);
		}
	}

	private void publish(LivenessState state) {
		this.broken = state == LivenessState.BROKEN;
		AvailabilityChangeEvent.publish(this.publisher, this, state);
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService checker = this.checker;
		this.checker = null;
		if (checker != null) {
			checker.shutdownNow();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.checker != null;
	}

	@Override
	public int getPhase() {
		// Stops after the listeners close: a shutdown is no reason to restart.
		return NgiListenerRegistry.START_STOP_PHASE - 1;
	}

}
