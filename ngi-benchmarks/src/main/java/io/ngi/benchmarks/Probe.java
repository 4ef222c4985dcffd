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

package io.ngi.benchmarks;

/**
 * Called by the load client, on its own thread, when the measured time starts and ends,
 * so the harness can read the server's CPU time at the same instants.
 */
interface Probe {

	/** A probe that records nothing. */
	Probe NONE = new Probe() {
	};

	/** Called when warm-up ends and measuring starts. */
	default void start() {
	}

	/** Called when measuring ends, before connections close. */
	default void end() {
	}

}
