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

package io.ngi.sample.finger;

import java.util.concurrent.CompletionStage;

/**
 * Answers finger queries for {@link FingerServer}: the tutorial's {@code getUser}, which
 * returns a Deferred. The protocol stays the same whatever answers: the local users
 * ({@link LocalLookup}) or an upstream server ({@link ProxyLookup}).
 */
@FunctionalInterface
interface FingerLookup {

	/**
	 * Starts answering a query; called on the connection's loop thread, so it must not
	 * block. The stage may complete on any thread. A stage that fails with an
	 * {@link UpstreamException} answers its message; any other failure answers
	 * {@code "Internal error in server"} and is logged.
	 * @param query the query, never a forwarding one ({@code user@host} is refused
	 * before)
	 * @return the answer text; a CRLF is added if it does not end with a line feed
	 */
	CompletionStage<String> answer(FingerQuery query);

}
