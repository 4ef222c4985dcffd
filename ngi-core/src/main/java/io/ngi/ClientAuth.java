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
 * Whether a TLS listener asks its clients for a certificate.
 */
public enum ClientAuth {

	/** No client certificate is requested. */
	NONE,

	/**
	 * A certificate is requested; a client without one is accepted
	 * ({@link Connection#tlsSession()} then has no peer certificate), a client with one
	 * that is not trusted is refused.
	 */
	WANT,

	/** A trusted client certificate is required: a client without one is refused. */
	NEED

}
