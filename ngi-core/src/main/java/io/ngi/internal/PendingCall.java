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

/**
 * The end of a suspended handler call. Exactly one of its methods is called, once, from
 * any thread.
 */
public interface PendingCall {

	/**
	 * Ends the suspended call normally.
	 * @throws IllegalStateException if the call was already ended
	 */
	void complete();

	/**
	 * Ends the suspended call as if the handler had thrown {@code failure}.
	 * @param failure what the handler's work threw
	 * @throws IllegalStateException if the call was already ended
	 */
	void fail(Throwable failure);

}
