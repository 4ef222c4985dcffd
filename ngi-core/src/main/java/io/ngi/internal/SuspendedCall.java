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

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * A suspended handler call of one {@link Dispatcher}: ended once, from any thread; the
 * end reaches the dispatcher on its owner's thread through its {@link Transport}.
 */
final class SuspendedCall implements PendingCall {

	private final Dispatcher dispatcher;

	/**
	 * The dispatcher's generation when the call was suspended; later ends of an abandoned
	 * generation are ignored.
	 */
	private final int generation;

	private final AtomicBoolean ended = new AtomicBoolean();

	SuspendedCall(Dispatcher dispatcher, int generation) {
		this.dispatcher = dispatcher;
		this.generation = generation;
	}

	@Override
	public void complete() {
		end(null);
	}

	@Override
	public void fail(Throwable failure) {
		end(Objects.requireNonNull(failure, "failure"));
	}

	private void end(@Nullable Throwable failure) {
		if (!this.ended.compareAndSet(false, true)) {
			throw new IllegalStateException("suspended call of " + this.dispatcher + " already ended");
		}
		this.dispatcher.transport().resume(() -> this.dispatcher.resumed(this.generation, failure));
	}

}
