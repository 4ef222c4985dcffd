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

/**
 * Why an upstream finger server gave no answer, in words meant for the finger client:
 * {@code "upstream timed out"}, {@code "upstream 127.0.0.1:7079 is down: ..."}.
 */
final class UpstreamException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message the answer for the client
	 */
	UpstreamException(String message) {
		super(message, null, false, false);
	}

}
