package dev.csatkit.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.csatkit.scale.RatingScales;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Opt-out requests as people write them, and look-alikes that are not, in each language the
 * parser has tables for. The phrases are written here, independently of the parser's tables.
 *
 * <p>A look-alike that starts with a digit is a rating reply: it must still read as that
 * rating, with the rest as its comment.
 */
class OptOutCorpusTest {

    private static final ReplyParser FIVE = ReplyParser.forScale(RatingScales.fivePoint());

    /**
     * One language's corpus.
     *
     * @param tag the contact's locale
     * @param certain replies that can only mean "stop messaging me"
     * @param possible replies where a bare keyword stands beside a rating or other words
     * @param lookAlikes replies with a keyword's letters, a negated keyword or a keyword used as
     *     another word, which do not opt out
     * @param anywhere opt-out phrases that opt out wherever they stand, for the property in
     *     {@link ReplyParserPropertiesTest}; bare keywords are written in capitals, as carriers
     *     print them
     */
    record Corpus(String tag, List<String> certain, List<String> possible, List<String> lookAlikes,
            List<String> anywhere) {
        Locale locale() {
            return Locale.forLanguageTag(tag);
        }
    }

    static final List<Corpus> CORPORA = List.of(
            new Corpus("en",
                    List.of("STOP", "stop", "Stop!!!", "STOP 😡", "STOP 🛑", "please stop", "Stop it now",
                            "stop please, thank you", "Please stop texting me about the 5 tickets", "stop texting me",
                            "Stop sending me these surveys", "stop messaging me, 1", "quit texting me",
                            "don't text me again", "Do not contact me", "never message me again 😡", "unsubscribe",
                            "unsubscribe me please", "Unsubcribe", "unsusbcribe", "I want to unsubscribe, the agent was great 5",
                            "opt out", "Opt me out", "remove me from your list", "take me off this list",
                            "No more texts please", "no more surveys 4", "leave me alone", "stoooop", "Cancel", "END",
                            "quit", "STOPALL", "I revoke my consent", "lose my number", "Can you stop?",
                            "stop stop stop", "stop calling me 5"),
                    List.of("stop, it was great, 5", "STOP. 5", "5 stop", "Very satisfied. Stop", "great service STOP",
                            "STOP the agent was lovely 4", "4, end", "Thanks, 5. Cancel"),
                    List.of("5 the agent stopped the problem quickly", "5 unstoppable team", "5 endless patience",
                            "5 thanks, see you next weekend", "5 cancelled my order and got a refund fast",
                            "don't stop calling me", "the end of the call was bad", "4 it was fine in the end",
                            "3 please don't stop the updates", "Never stop improving! 5", "5 I couldn't stop laughing",
                            "2 I had to cancel my appointment", "4 they helped me cancel the booking",
                            "5 non-stop help", "5 full stop.", "5 a quick stop at the desk sorted it",
                            "1 the bus stop office was closed", "2 waited until the end", "5 at the end they fixed it",
                            "3 the agent would not end the call", "4 quite good", "5 the texting option was handy",
                            "5 thanks for the text", "2 the message was unclear", "5 subscribe me to the newsletter",
                            "4 no complaints", "5 no more problems since the fix", "2 I want the endpoint fixed",
                            "5 he didn't quit until it worked", "3 hold music never ends", "4 stopover was fine",
                            "5 would not cancel"),
                    List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPT OUT",
                            "unsubscribe", "stop texting me", "Please stop texting me", "don't text me again",
                            "do not contact me", "no more texts", "remove me from your list", "take me off this list",
                            "leave me alone", "opt me out", "stop sending me these surveys")),
            new Corpus("fr",
                    List.of("ARRÊT", "arret", "STOP", "Stop !", "Arrêtez !", "arrêtez les SMS", "Arrêtez de m'écrire",
                            "arrête de m'envoyer des messages", "cessez de me contacter", "Ne m'écrivez plus",
                            "ne me contactez plus svp", "merci de ne plus m'envoyer de SMS", "plus de SMS s'il vous plaît",
                            "Je ne veux plus recevoir vos messages", "désabonner", "Désabonnez-moi",
                            "je veux me désinscrire", "désinscription", "désabonnement svp", "Retirez-moi de votre liste",
                            "supprimez mon numéro", "laissez-moi tranquille", "STOP SMS", "stop pub", "Stop aux SMS",
                            "Arrêtez tout de suite !", "Ça suffit !", "fin", "désabonez-moi",
                            "Arrêtez les SMS, merci, 5", "arrêtez d'envoyer des sondages", "ne m'envoyez plus rien"),
                    List.of("Stop, service parfait, 5", "5, arrêtez", "Très satisfait. Stop",
                            "ARRÊT merci pour l'aide 4"),
                    List.of("5 le technicien a arrêté la panne", "5 service sans arrêt", "4 bon week-end",
                            "5 à la fin tout était réglé", "3 fin de l'appel un peu longue", "5 enfin une réponse rapide",
                            "2 l'arrêt de bus était fermé", "5 merci pour le message", "4 les SMS étaient clairs",
                            "5 je me suis abonné", "1 ils n'arrêtent pas d'appeler", "5 n'arrêtez pas, c'est parfait",
                            "4 plus de choix serait bien", "5 parfait, plus de problème",
                            "3 je voulais arrêter mon abonnement internet", "5 l'agent a su stopper le problème",
                            "5 c'était assez rapide", "4 désolé pour le retard", "5 la fin de semaine",
                            "5 jamais vu un service aussi rapide", "2 j'ai dû rappeler trois fois",
                            "4 stoppé le problème en deux minutes", "5 arrêt de travail bien géré",
                            "4 impeccable du début à la fin", "5 suffisamment clair", "3 ça ne suffit pas",
                            "5 les messages de rappel sont utiles", "5 je ne veux plus attendre autant",
                            "4 il faut arrêter de faire attendre les clients", "5 abonnez-moi à la lettre"),
                    List.of("ARRÊT", "STOP", "arrêtez les SMS", "arrêtez de m'écrire", "ne m'écrivez plus",
                            "plus de SMS", "désabonnez-moi", "je veux me désinscrire", "retirez-moi de votre liste",
                            "laissez-moi tranquille", "STOP SMS")),
            new Corpus("sv",
                    List.of("STOPP", "stopp", "Stopp!", "STOP", "sluta", "Sluta!", "Sluta skicka sms",
                            "sluta skicka sms till mig", "sluta ringa mig", "Sluta med sms:en", "sluta skriva till mig",
                            "Skicka inte fler sms", "ring inte mig igen", "inga fler sms", "Inga mer meddelanden tack",
                            "jag vill inte ha fler sms", "avregistrera", "Avregistrera mig", "avregistrera mig tack",
                            "avanmäl", "avanmäla mig från utskicken", "avprenumerera", "ta bort mig från listan",
                            "Ta bort mitt nummer", "lämna mig ifred", "avsluta", "AVSLUTA", "avsluta prenumerationen",
                            "avbeställ", "sluta nu tack", "det räcker!", "avregistera mig", "stoppa sms"),
                    List.of("Stopp, bra service, 5", "5 stopp", "Mycket nöjd. Sluta", "Toppen 4 STOPP"),
                    List.of("5 det slutade bra", "4 i slutet gick det bra", "5 de stoppade felet snabbt",
                            "5 utan stopp i kön", "3 samtalet avslutades för tidigt", "5 trevlig helg",
                            "4 jag fick ett sms med svar", "5 tack för meddelandet", "2 ingen ringde tillbaka",
                            "5 hon slutade inte förrän det var löst", "5 avslutningen var bra",
                            "4 prenumerationen fungerar nu", "5 jag registrerade mig snabbt", "3 stopptiden var lång",
                            "5 sluta aldrig", "4 sluta inte att ringa", "5 det räcker inte med beröm",
                            "5 bra hjälp, ingen väntetid", "2 väntade till slutet", "5 enkäten var kort",
                            "4 avbrottet var kort", "5 inga problem alls", "5 inga fler frågor", "3 kön tog slut till slut",
                            "5 toppen!", "4 skicka gärna sms nästa gång", "5 jag vill ha fler sms",
                            "1 han avslutade samtalet mitt i", "5 ni stoppade problemet", "5 ta bort kön"),
                    List.of("STOPP", "AVSLUTA", "sluta skicka sms", "skicka inte fler sms", "inga fler sms",
                            "avregistrera mig", "ta bort mig från listan", "lämna mig ifred")),
            new Corpus("ru",
                    List.of("СТОП", "стоп", "Стоп!", "хватит", "Хватит!", "хватит писать", "хватит мне писать",
                            "Прекратите присылать сообщения", "перестаньте мне звонить", "не пишите мне",
                            "Больше не пишите", "не присылайте мне смс", "не звоните больше", "отписаться",
                            "Отпишите меня", "отпишите меня пожалуйста", "хочу отписаться от рассылки", "отписка",
                            "удалите мой номер", "уберите меня из рассылки", "не хочу получать смс",
                            "отказываюсь от рассылки", "оставьте меня в покое", "отстаньте от меня", "стоп смс",
                            "хватит спама", "прекратите!", "перестаньте", "хватит уже, спасибо", "отпешите меня",
                            "Хватит писать, оценка 5", "не надо мне писать"),
                    List.of("Стоп, всё отлично, 5", "5 стоп", "Очень доволен. Хватит", "СТОП спасибо за помощь 4"),
                    List.of("5 остановили проблему быстро", "4 довольно быстро", "5 мне хватило одного звонка",
                            "3 денег не хватит", "5 без остановки помогали", "2 получил отписку вместо ответа",
                            "5 подпишите меня на новости", "4 опишите проблему подробнее", "5 сообщение пришло вовремя",
                            "5 спасибо за смс", "3 в конце разговора связь оборвалась", "5 не прекращайте так работать",
                            "5 не останавливайтесь", "4 писать было удобно", "5 звонить больше не пришлось",
                            "2 мне не перезвонили", "5 стопроцентно рекомендую", "5 оператор не прекращал помогать",
                            "5 на остановке всё объяснили", "4 хватит ли времени?", "5 больше вопросов нет",
                            "5 удалите мой старый адрес", "5 пишите ещё, было полезно", "3 рассылка была интересной",
                            "5 всё хорошо, стоит своих денег", "4 стопка документов готова", "5 я не хочу отписываться",
                            "5 не хочу ждать так долго", "5 отличная поддержка", "4 в итоге всё починили",
                            "5 хватило терпения"),
                    List.of("СТОП", "ОТПИСАТЬСЯ", "хватит писать", "не пишите мне", "отпишите меня",
                            "удалите мой номер", "не хочу получать смс", "оставьте меня в покое",
                            "прекратите присылать сообщения")),
            new Corpus("uk",
                    List.of("СТОП", "стоп", "Стоп!", "досить", "Досить!", "годі", "досить писати", "досить мені писати",
                            "припиніть надсилати повідомлення", "перестаньте мені дзвонити", "не пишіть мені",
                            "Більше не пишіть", "не надсилайте мені смс", "не дзвоніть більше", "відписатися",
                            "Відпишіть мене", "відпишіть мене будь ласка", "хочу відписатися від розсилки", "відписка",
                            "видаліть мій номер", "приберіть мене з розсилки", "не хочу отримувати смс",
                            "відмовляюсь від розсилки", "дайте мені спокій", "залиште мене в спокої", "стоп смс",
                            "припиніть!", "перестаньте", "досить вже, дякую", "відпишить мене",
                            "Досить писати, оцінка 5", "не треба мені писати"),
                    List.of("Стоп, все чудово, 5", "5 стоп", "Дуже задоволений. Досить", "СТОП дякую за допомогу 4"),
                    List.of("5 досить швидко", "4 було досить довго", "5 зупинили проблему швидко",
                            "5 підпишіть мене на новини", "5 годі й казати, все супер",
                            "3 в кінці розмови зв'язок обірвався", "5 дякую за смс", "5 не припиняйте так працювати",
                            "2 мені не передзвонили", "4 писати було зручно", "5 без зупинки допомагали",
                            "5 повідомлення прийшло вчасно", "5 мені вистачило одного дзвінка", "4 чи досить часу?",
                            "5 пишіть ще, було корисно", "3 розсилка була цікавою", "5 я не хочу відписуватися",
                            "5 не хочу чекати так довго", "5 відповіли швидко", "5 стопка документів готова",
                            "5 більше питань немає", "4 зрештою все полагодили", "5 досить ввічливий оператор",
                            "5 не зупиняйтеся", "4 оператор не припиняв допомагати", "5 на зупинці все пояснили",
                            "5 відписку не отримав", "5 все гаразд, коштує своїх грошей", "5 підписка працює",
                            "3 кінець розмови був різким", "5 годинник показав правильний час"),
                    List.of("СТОП", "ВІДПИСАТИСЯ", "досить писати", "не пишіть мені", "відпишіть мене",
                            "видаліть мій номер", "не хочу отримувати смс", "залиште мене в спокої")),
            new Corpus("pl",
                    List.of("STOP", "stop", "Stop!", "koniec", "KONIEC!", "dość", "mam dość", "przestańcie",
                            "Przestańcie pisać", "przestańcie do mnie pisać", "przestańcie wysyłać SMS-y",
                            "nie piszcie do mnie", "Nie wysyłajcie więcej SMS", "nie dzwońcie więcej", "proszę nie pisać",
                            "wypisz", "Wypisz mnie", "wypiszcie mnie z listy", "chcę się wypisać", "rezygnuję z SMS",
                            "rezygnacja", "usuńcie mój numer", "usuńcie mnie z bazy", "nie chcę dostawać SMS",
                            "nie chcę więcej wiadomości", "zostawcie mnie w spokoju", "dajcie mi spokój",
                            "dość tych SMS", "koniec z SMS-ami", "przestańcie już, dziękuję", "wypiszczie mnie",
                            "Przestańcie pisać, ocena 5"),
                    List.of("Stop, wszystko super, 5", "5 stop", "Bardzo zadowolony. Koniec",
                            "STOP dziękuję za pomoc 4"),
                    List.of("5 dość szybko", "4 było dość długo", "5 na koniec wszystko działało",
                            "3 koniec rozmowy był nagły", "5 zapiszcie mnie na newsletter", "5 wpiszcie mój numer",
                            "5 bez końca pomocni", "5 dziękuję za SMS", "2 nikt nie oddzwonił", "4 pisać było wygodnie",
                            "5 nie przestawajcie tak pracować", "5 przestało działać, ale naprawili",
                            "5 wiadomość przyszła na czas", "3 rezygnacja z usługi była trudna",
                            "5 nie chcę czekać tak długo", "5 piszcie częściej", "5 stopień obsługi wysoki",
                            "4 wystarczy poczekać chwilę", "5 nie rezygnuję z was", "5 nie chcę się wypisywać",
                            "5 dosyć miła obsługa", "5 wszystko w porządku", "5 koniecznie polecam",
                            "3 w końcu się udało", "5 zatrzymali awarię szybko", "5 subskrypcja działa",
                            "5 usuńcie usterkę szybciej", "5 dajcie mi znać", "4 zostawcie mi wiadomość",
                            "5 więcej takich konsultantów"),
                    List.of("STOP", "WYPISZ", "REZYGNACJA", "przestańcie pisać", "nie piszcie do mnie",
                            "wypiszcie mnie", "usuńcie mój numer", "nie chcę dostawać SMS", "zostawcie mnie w spokoju")),
            new Corpus("de",
                    List.of("STOPP", "stopp", "Stopp!", "STOP", "Ende", "Schluss!", "aufhören", "Hören Sie auf!",
                            "bitte keine SMS mehr", "Keine Nachrichten mehr", "keine weiteren Umfragen",
                            "bitte nicht mehr schreiben", "Schreiben Sie mir nicht mehr", "schicken Sie mir nie wieder",
                            "Hören Sie auf, mir zu schreiben", "hört auf mir SMS zu schicken", "abmelden",
                            "Bitte abmelden", "Ich möchte mich abmelden", "abbestellen", "Melden Sie mich ab",
                            "tragen Sie mich aus", "bitte mich austragen", "löschen Sie meine Nummer",
                            "Lassen Sie mich in Ruhe", "stop SMS", "es reicht!", "Jetzt reicht es",
                            "aufhören bitte, danke", "abmleden", "Keine SMS mehr, Note 5", "genug!"),
                    List.of("Stopp, alles super, 5", "5 stopp", "Sehr zufrieden. Schluss", "STOPP danke für die Hilfe 4"),
                    List.of("5 am Ende war alles gut", "5 zum Schluss hat alles geklappt", "4 ich habe mich angemeldet",
                            "5 bitte anmelden für den Newsletter", "5 die Anmeldung war einfach",
                            "3 das Gespräch endete abrupt", "5 ohne Ende hilfsbereit", "5 schönes Wochenende",
                            "4 nicht aufhören, so weiterzumachen", "5 hören Sie nie auf zu helfen",
                            "5 vielen Dank für die SMS", "2 niemand hat zurückgerufen", "5 Nachrichten kamen schnell",
                            "4 bestellen ging einfach", "5 das reicht mir nicht", "5 Ende gut, alles gut",
                            "5 bis zum Ende geholfen", "3 genug Personal wäre schön", "5 die Hilfe hat nicht aufgehört",
                            "5 Stoppuhr lief", "5 ich möchte mich nicht abmelden", "5 schreiben Sie mir gern wieder",
                            "5 Haltestelle war nah", "4 die Umfrage war kurz", "5 das Problem ist beendet",
                            "5 keine Probleme mehr", "4 der Vertrag wurde storniert", "5 halt einfach super",
                            "5 Stopp-Taste funktioniert", "5 endlich eine schnelle Antwort"),
                    List.of("STOPP", "ABMELDEN", "bitte keine SMS mehr", "Hören Sie auf, mir zu schreiben",
                            "melden Sie mich ab", "bitte nicht mehr schreiben", "löschen Sie meine Nummer",
                            "lassen Sie mich in Ruhe")),
            new Corpus("es",
                    List.of("PARAR", "parar", "BAJA", "baja", "¡Basta!", "ya basta", "Alto", "no me escriban más",
                            "No me manden más mensajes", "no me llamen", "dejen de escribirme",
                            "Dejen de enviarme mensajes", "paren de mandar SMS", "no más mensajes",
                            "No más encuestas, por favor", "no quiero recibir más mensajes", "quiero darme de baja",
                            "darme de baja", "denme de baja por favor", "desuscribir", "desuscríbanme",
                            "bórrenme de la lista", "sáquenme de su lista", "borren mi número", "déjenme en paz",
                            "stop SMS", "cancelar suscripción", "CANCELAR", "basta ya, gracias", "desuscribrime",
                            "No me escriban más, nota 5", "detengan los mensajes"),
                    List.of("Basta, todo bien, 5", "5 baja", "Muy satisfecho. Basta", "BAJA gracias por la ayuda 4"),
                    List.of("2 la calidad es baja", "5 muy alto nivel", "4 el precio es alto", "5 al fin una respuesta",
                            "5 por fin lo resolvieron", "5 buen fin de semana", "5 atendieron sin parar",
                            "5 gracias por el mensaje", "2 nadie me devolvió la llamada", "5 no paren de mejorar",
                            "5 quiero suscribirme", "4 bajaron el precio", "4 cancelé mi pedido sin problema",
                            "5 no quiero esperar tanto", "5 escríbanme cuando quieran", "5 me escribieron rápido",
                            "5 todo en alto nivel", "4 la encuesta fue corta", "5 más mensajes así, gracias",
                            "5 detuvieron el problema", "5 basta con llamar una vez", "3 bajó la calidad",
                            "5 finalmente lo arreglaron", "2 no me escribieron nunca", "5 dar de alta fue fácil",
                            "5 la baja por enfermedad se gestionó bien", "5 desde el principio hasta el fin",
                            "5 no pararon de ayudar", "5 altos estándares", "5 mensajes claros"),
                    List.of("PARAR", "BAJA", "BASTA", "no me escriban más", "dejen de escribirme", "no más mensajes",
                            "quiero darme de baja", "desuscríbanme", "bórrenme de la lista", "déjenme en paz")));

    @Test
    void everyLanguageOfTheTablesHasACorpusOfAtLeastThirtyOnEachSide() {
        assertThat(CORPORA).extracting(Corpus::tag).containsExactly("en", "fr", "sv", "ru", "uk", "pl", "de", "es");
        for (Corpus c : CORPORA) {
            assertThat(c.certain().size() + c.possible().size()).as(c.tag() + " opt-outs").isGreaterThanOrEqualTo(30);
            assertThat(c.lookAlikes()).as(c.tag() + " look-alikes").hasSizeGreaterThanOrEqualTo(30);
            assertThat(c.possible()).as(c.tag() + " possible opt-outs").isNotEmpty();
        }
    }

    @TestFactory
    Stream<DynamicTest> certainOptOuts() {
        return cases(c -> c.certain().stream().map(reply -> dynamicTest(c.tag() + ": \"" + reply + "\" opts out",
                () -> assertThat(FIVE.parse(reply, c.locale())).isInstanceOfSatisfying(ParsedReply.OptOut.class, o -> {
                    assertThat(o.certain()).as("certain").isTrue();
                    assertThat(o.words()).allSatisfy(w -> assertThat(reply).contains(w));
                }))).toList());
    }

    @TestFactory
    Stream<DynamicTest> possibleOptOuts() {
        return cases(c -> c.possible().stream().map(reply -> dynamicTest(c.tag() + ": \"" + reply
                + "\" possibly opts out", () -> assertThat(FIVE.parse(reply, c.locale()))
                .isInstanceOfSatisfying(ParsedReply.OptOut.class, o -> {
                    assertThat(o.certain()).as("certain").isFalse();
                    assertThat(o.words()).allSatisfy(w -> assertThat(reply).contains(w));
                }))).toList());
    }

    @TestFactory
    Stream<DynamicTest> lookAlikesDoNotOptOut() {
        return cases(c -> c.lookAlikes().stream().map(reply -> dynamicTest(c.tag() + ": \"" + reply
                + "\" does not opt out", () -> {
                    ParsedReply outcome = FIVE.parse(reply, c.locale());
                    assertThat(outcome).isNotInstanceOf(ParsedReply.OptOut.class);
                    if (Character.isDigit(reply.charAt(0))) {
                        assertThat(outcome).isInstanceOfSatisfying(ParsedReply.Rating.class,
                                r -> assertThat(r.value()).isEqualTo(reply.charAt(0) - '0'));
                    }
                })).toList());
    }

    @TestFactory
    Stream<DynamicTest> phrasesThatOptOutAnywhereDoSoAlone() {
        return cases(c -> c.anywhere().stream().map(reply -> dynamicTest(c.tag() + ": \"" + reply + "\"", () ->
                assertThat(FIVE.parse(reply, c.locale())).isInstanceOfSatisfying(ParsedReply.OptOut.class,
                        o -> assertThat(o.certain()).isTrue()))).toList());
    }

    private static Stream<DynamicTest> cases(java.util.function.Function<Corpus, List<DynamicTest>> perCorpus) {
        List<DynamicTest> all = new ArrayList<>();
        CORPORA.forEach(c -> all.addAll(perCorpus.apply(c)));
        return all.stream();
    }
}
