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

package io.ngi.internal;

import org.slf4j.Logger;

import io.ngi.CloseReason;

/**
 * What a dispatcher needs from the implementation that moves the bytes. Called on the
 * owner's thread unless said otherwise.
 */
public interface Transport {

	/**
	 * Returns the logger failures are logged with: the implementation's connection
	 * class's, so that logs name what users know.
	 * @return the logger
	 */
	Logger logger();

	/**
	 * Runs {@code task} on the owner's thread; any thread. NIO queues it for the loop;
	 * the testing implementation hands it to the caller waiting in
	 * {@link #awaitResumption()}.
	 * @param task the end of a suspended call
	 */
	void resume(Runnable task);

	/**
	 * Called after a handler call that left a suspended call open: the testing
	 * implementation waits here, running what {@link #resume} hands it, until the call
	 * ended; NIO returns at once.
	 */
	void awaitResumption();

	/** The last suspended call ended. */
	default void suspensionEnded() {
	}

	/**
	 * Whether the handler takes input may have changed (see
	 * {@link Dispatcher#wantsInput()}).
	 */
	void inputDemandChanged();

	/**
	 * Records a handler failure that the dispatcher logged (meters, the testing
	 * implementation's recorded errors, an inline loop's rethrow).
	 * @param failure the failure
	 */
	void handlerFailed(Throwable failure);

	/**
	 * Closes the connection because one of its calls failed; the handler will be told by
	 * the dispatcher.
	 * @param reason the failure's reason
	 */
	void closeAfterFailure(CloseReason reason);

	/**
	 * Whether an {@link Error} from a handler is rethrown to the caller once the
	 * connection is closed (the testing implementation: a failed assertion fails the test
	 * at once).
	 * @return whether errors propagate
	 */
	default boolean propagatesErrors() {
		return false;
	}

}
