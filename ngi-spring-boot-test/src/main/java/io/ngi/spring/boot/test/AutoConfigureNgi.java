package io.ngi.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Runs the application's NGI listeners on a {@link io.ngi.testing.TestingImplementation}
 * instead of real sockets, and adds an {@link NgiTestClient} bean to drive them. Put it
 * on a {@code @SpringBootTest} to test the whole application with no port opened;
 * {@link NgiTest @NgiTest} applies it already.
 * <p>
 * The auto-configurations it imports are listed in
 * {@code META-INF/spring/io.ngi.spring.boot.test.AutoConfigureNgi.imports}. After each
 * test method, handler exceptions recorded by the testing implementation fail the test
 * with the original exception, and connections the test left open are closed.
 *
 * {@snippet :
 * &#64;SpringBootTest
 * &#64;AutoConfigureNgi
 * class ApplicationTests {
 *
 * 	&#64;Autowired
 * 	NgiTestClient ngi;
 *
 * 	&#64;Test
 * 	void echoes() {
 * 		TestConnection client = this.ngi.connect("echo");
 * 		client.write("hi".getBytes(StandardCharsets.UTF_8));
 * 		assertThat(client.output()).isEqualTo("-> 'hi'");
 * 	}
 *
 * }
 * }
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureNgi {

}
