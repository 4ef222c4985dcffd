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

import java.time.Duration;

/**
 * The base of the tests' hand-made connections, which feed a handler or an adapter
 * directly: the flow-control and timer methods they do not need are here once. Output is
 * always writable, pauses do nothing, {@code shutdownOutput} does nothing and
 * {@code schedule} is not supported.
 */
public abstract class BareConnection implements Connection {

	@Override
	public void shutdownOutput() {
	}

	@Override
	public boolean isWritable() {
		return isOpen();
	}

	@Override
	public void pauseReading() {
	}

	@Override
	public void resumeReading() {
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		throw new UnsupportedOperationException("schedule is not supported by " + getClass().getSimpleName());
	}

}
