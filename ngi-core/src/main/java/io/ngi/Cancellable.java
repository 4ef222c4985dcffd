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

package io.ngi;

/**
 * A scheduled task that can still be cancelled, returned by
 * {@link Implementation#schedule} and {@link Connection#schedule}.
 */
public interface Cancellable {

	/**
	 * Cancels the task unless it already ran or was cancelled. Idempotent and
	 * thread-safe. A task that is running when this is called finishes.
	 * @return {@code true} if this call stopped the task from running, {@code false} if
	 * it had run, was running, or was cancelled before
	 */
	boolean cancel();

}
