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

/**
 * The input of an imperative handler's body: a blocking view of the connection's events.
 * Only the body's own thread may call it.
 */
public interface Input {

	/**
	 * Returns the next input, waiting for it. While the body waits here, the handler call
	 * that delivered the previous event returns to the implementation.
	 * @return the bytes of the next input event (a record when the connection is adapted)
	 * @throws ConnectionClosedException when the connection closed (its message is the
	 * reason), and again on every later call
	 * @throws RuntimeException a failure of an iterable given to {@code writeLines},
	 * rethrown here (a checked one wrapped in an {@link io.ngi.NgiException}); the body
	 * may catch it and go on reading
	 * @throws IllegalStateException when called from another thread than the body's
	 */
	byte[] next();

}
