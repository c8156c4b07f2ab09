package dev.rotor.command.dispatch;

import dev.rotor.kernel.common.RotorException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Turns a domain rejection into a {@link CommandExecutionException} whose details carry the error
 * code, so the code survives a distributed command bus; the REST advice reads it back.
 */
public class DomainExceptionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (RotorException e) {
            throw new CommandExecutionException(e.getMessage(), e, e.toDetails());
        }
    }
}
