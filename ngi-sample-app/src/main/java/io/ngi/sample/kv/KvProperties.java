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

package io.ngi.sample.kv;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the {@code kv} listener's store ({@code ngi.sample.kv.*}); its address and
 * connection settings are {@code ngi.servers.kv.*}.
 *
 * @param maxBulkLength the longest bulk string a request may carry (Redis's
 * {@code proto-max-bulk-len}: 512 MB); default 16 MB
 * @param maxMultibulkLength the most elements of a request array; default 1,048,576
 * (Redis 6's limit)
 * @param maxInlineLength the longest inline request line and the longest {@code *} or
 * {@code $} count line; default 64 KB (Redis's)
 * @param maxRequestLength the most bytes of bulk strings in one request, which bounds the
 * input one connection buffers; default 32 MB
 * @param maxKeys the most keys the store holds; default 1,000,000
 * @param maxMemory the most bytes the store is charged (keys, values and
 * {@value KvStore#ENTRY_OVERHEAD} bytes per entry); default 256 MB
 * @param expirySweepInterval how often expired keys that nobody reads are removed;
 * default 100 ms
 */
@ConfigurationProperties("ngi.sample.kv")
record KvProperties(@DefaultValue("16MB") DataSize maxBulkLength, @DefaultValue("1048576") int maxMultibulkLength,
		@DefaultValue("64KB") DataSize maxInlineLength, @DefaultValue("32MB") DataSize maxRequestLength,
		@DefaultValue("1000000") long maxKeys, @DefaultValue("256MB") DataSize maxMemory,
		@DefaultValue("100ms") Duration expirySweepInterval) {

	/**
	 * Returns the protocol limits.
	 * @return the limits
	 * @throws IllegalArgumentException if a limit is out of range, naming it
	 */
	RespLimits limits() {
		return new RespLimits(toInt("maxBulkLength", this.maxBulkLength), this.maxMultibulkLength,
				toInt("maxInlineLength", this.maxInlineLength), this.maxRequestLength.toBytes());
	}

	private static int toInt(String name, DataSize size) {
		if (size.toBytes() > RespLimits.MAX_ARRAY - 2) {
			throw new IllegalArgumentException(name + " must be < 2GB: " + size);
		}
		return (int) size.toBytes();
	}

}
