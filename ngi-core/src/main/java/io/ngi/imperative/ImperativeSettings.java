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

package io.ngi.imperative;

import java.util.Objects;

/**
 * How imperative bodies run, for the whole JVM: on virtual or platform threads, and how
 * long each side of the hand-off between the loop and a body polls before it parks. Read
 * when a body starts, so a change applies to the bodies started after it.
 * <p>
 * Without a call to {@link #use(ImperativeSettings)} the settings come from the system
 * properties {@code ngi.imperative.platform-threads} (default {@code false}: virtual
 * threads where the JDK has them), {@code ngi.imperative.spins} and
 * {@code ngi.imperative.body-spins} (default 0). The Spring starter sets them from
 * {@code ngi.imperative.*} and {@code spring.threads.virtual.enabled}.
 *
 * @param virtualThreads whether bodies run on virtual threads (JDK 21 and later; daemon
 * platform threads otherwise, whatever this says)
 * @param callerSpins how many times the caller polls for the body's answer before
 * parking; polling helps only with idle cores (about 0.2 us instead of 8 us per hand-off)
 * and costs more than it saves on a busy machine
 * @param bodySpins how many times a body polls for its next event before parking
 */
public record ImperativeSettings(boolean virtualThreads, int callerSpins, int bodySpins) {

	private static volatile ImperativeSettings current = fromSystemProperties();

	/**
	 * Checks the settings.
	 * @throws IllegalArgumentException if a spin count is negative
	 */
	public ImperativeSettings {
		if (callerSpins < 0) {
			throw new IllegalArgumentException("callerSpins must be >= 0: " + callerSpins);
		}
		if (bodySpins < 0) {
			throw new IllegalArgumentException("bodySpins must be >= 0: " + bodySpins);
		}
	}

	/**
	 * Returns the settings bodies started now get. Thread-safe.
	 * @return the current settings
	 */
	public static ImperativeSettings current() {
		return current;
	}

	/**
	 * Sets the settings bodies started from now on get. Thread-safe.
	 * @param settings the settings
	 */
	public static void use(ImperativeSettings settings) {
		current = Objects.requireNonNull(settings, "settings");
	}

	/**
	 * Returns the settings the system properties give.
	 * @return the settings
	 */
	public static ImperativeSettings fromSystemProperties() {
		return new ImperativeSettings(!Boolean.getBoolean("ngi.imperative.platform-threads"),
				Math.max(0, Integer.getInteger("ngi.imperative.spins", 0)),
				Math.max(0, Integer.getInteger("ngi.imperative.body-spins", 0)));
	}

}
