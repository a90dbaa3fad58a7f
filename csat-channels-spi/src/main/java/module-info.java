/**
 * The channel SPI of CSAT Kit: the contract that host applications implement to deliver
 * surveys over SMS, email, chat and the phone keypad. It depends on the JDK alone, so an
 * adapter never drags the engine's dependencies along.
 */
module dev.csatkit.channels.spi {
    requires static transitive org.jspecify;   // @Nullable is part of the API: hosts compile against it

    exports dev.csatkit.channels.spi;

    uses dev.csatkit.channels.spi.ChannelProvider;
}
