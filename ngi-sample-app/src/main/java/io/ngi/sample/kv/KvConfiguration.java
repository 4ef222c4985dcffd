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

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.ngi.Implementation;
import io.ngi.Server;
import io.ngi.spring.annotation.NgiServer;

/**
 * The {@code kv} listener: a Redis-protocol key-value store on one shared
 * {@link KvStore}, configured by {@code ngi.sample.kv.*} ({@link KvProperties}) and
 * {@code ngi.servers.kv.*} (address, idle timeout).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "ngi.enabled", matchIfMissing = true)
@EnableConfigurationProperties(KvProperties.class)
class KvConfiguration {

	@Bean
	KvStore kvStore(KvProperties properties, Implementation implementation) {
		return new KvStore(implementation.clock(), properties.maxKeys(), properties.maxMemory().toBytes());
	}

	@Bean
	ExpirySweeper kvExpirySweeper(KvStore store, Implementation implementation, KvProperties properties) {
		return new ExpirySweeper(store, implementation, properties.expirySweepInterval());
	}

	@Bean
	KvCommands kvCommands(KvStore store, KvProperties properties) {
		RespLimits limits = properties.limits();
		Map<String, String> config = new LinkedHashMap<>();
		config.put("save", "");
		config.put("appendonly", "no");
		config.put("databases", "1");
		config.put("maxmemory", Long.toString(store.maxBytes()));
		config.put("maxmemory-policy", "noeviction");
		config.put("proto-max-bulk-len", Integer.toString(limits.maxBulkLength()));
		config.put("client-query-buffer-limit", Long.toString(limits.maxRequestLength()));
		return new KvCommands(store, config);
	}

	@NgiServer(name = "kv")
	Server kv(KvCommands commands, KvProperties properties) {
		return new KvServer(commands, properties.limits());
	}

	/**
	 * The same store over TLS ({@code redis-cli --tls}):
	 * {@code ngi.servers.kv-tls.ssl.bundle} makes it TLS by configuration alone; the
	 * server sees plaintext.
	 */
	@NgiServer(name = "kv-tls")
	Server kvTls(KvCommands commands, KvProperties properties) {
		return new KvServer(commands, properties.limits());
	}

}
