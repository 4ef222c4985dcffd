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

package io.ngi.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Makes a bean an NGI TCP (or Unix domain socket) server that listens once the
 * application context is refreshed and stops gracefully when it closes.
 * <p>
 * Put it on a class (it is a {@link Component}) or on a method of a
 * {@code @Configuration} class (it is a {@link Bean}). The bean must be one of:
 * <ul>
 * <li>an {@link io.ngi.Server}: called for each accepted connection;</li>
 * <li>a prototype-scoped {@link io.ngi.ConnectionHandler} ({@code @Scope("prototype")}):
 * a new instance per connection, whose calls never overlap, so it may keep that
 * connection's state in plain fields. This is the form for any handler with state;</li>
 * <li>a singleton {@link io.ngi.ConnectionHandler}: one instance set as the handler of
 * every connection. Connections live on several loop threads, so it is called
 * <strong>concurrently</strong>, from all of them: it must be stateless or thread-safe.
 * Handlers get the connection in every call, so a stateless one needs nothing else. A
 * singleton handler with fields that are neither final nor volatile is named in a warning
 * at startup.</li>
 * </ul>
 * Calls for one connection are never concurrent, whichever form: the rule is per
 * connection, not per handler object. NGI does not serialize a shared handler across
 * loops, which would make the loops take turns and leave all but one idle. Attributes
 * accept {@code ${...}} placeholders. The properties {@code ngi.servers.<name>.*}
 * override them, and the bound port is published as {@code local.ngi.<name>.port}. Names
 * are unique across {@code @NgiServer} and {@link NgiUdpHandler}.
 *
 * {@snippet :
 * &#64;NgiServer(name = "echo", address = "${echo.address::8000}")
 * class Echo implements ConnectionHandler {
 *
 * 	public void handleInput(Connection connection, byte[] data) {
 * 		connection.write(data);
 * 	}
 *
 * }
 * }
 */
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
@Bean
public @interface NgiServer {

	/**
	 * Returns the listener's name, used in {@code ngi.servers.<name>.*},
	 * {@code local.ngi.<name>.port}, metrics tags and the endpoint. Empty means the bean
	 * name.
	 * @return the name
	 */
	String name() default "";

	/**
	 * Returns the address to listen on, in a form {@link io.ngi.Addresses#parse} reads:
	 * {@code "host:port"}, {@code ":port"}, {@code "[::1]:port"} or {@code "unix:/path"};
	 * port 0 binds a free port. Empty means it must come from
	 * {@code ngi.servers.<name>.address}.
	 * @return the address
	 */
	String address() default "";

}
