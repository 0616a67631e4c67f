"""Every kind of message finsam-site prints, by rule id, for docs/meddelanden.md.

The substance rules (rules/) describe themselves; the messages of reading, form and building are listed here.
tests/test_message_table.py finds every rule id the code can report (by reading the source) and fails when one
is missing here, when one here is no longer used, or when docs/meddelanden.md is not what :func:`table` makes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    rule: str
    severity: str  # fel, varning, or "fel eller varning"
    meaning: str
    example: str
    hint: str = ""


FORM = [
    Message("fil", "fel", "En fil eller mapp saknas, går inte att läsa eller ligger fel.",
            "content/solleftea/2025/plan.yaml: fel [fil] Planens fil plan.yaml saknas.",
            "Kopiera plan.yaml från förbundets förra plan och ändra den. Eller flytta undan mappen 2025 och kör "
            "`finsam-site new plan solleftea 2025`, som skapar alla planens filer utifrån den förra planen."),
    Message("id", "fel", "Ett filnamn kan inte bli en webbadress.",
            "content/solleftea/2025/insatser/Steget 1.md: fel [id] Namnet `Steget 1` kan inte bli en webbadress.",
            "Använd små bokstäver a–z, siffror och bindestreck, till exempel `vagen-till-halsa`."),
    Message("tomt", "varning", "Innehållsmappen har inga förbund, så webbplatsen blir tom.",
            "content: varning [tomt] Innehållsmappen har inga förbund; webbplatsen blir tom.",
            "Skapa ett förbund med `finsam-site new forbund`."),
    Message("kontrolltecken", "fel", "En text innehåller ett osynligt kontrolltecken eller en riktningsmarkering.",
            "insatser/01-steget.md:4:12: fel [kontrolltecken] Texten innehåller ett kontrolltecken (kod 0x0007) som "
            "inte hör hemma i en text.",
            "Ta bort tecknet; det kommer ofta med när text klistras in från ett annat program."),
    Message("markdown-gräns", "fel", "En text är för djupt nästlad eller öppnar för mycket som aldrig stängs för "
            "att kunna göras om till en webbsida.",
            "avsnitt/01-inledning.md:12:1: fel [markdown-gräns] Texten är nästlad i fler än 100 nivåer (listor i "
            "listor, citat eller indrag) och kan inte göras om till en webbsida.",
            "Dela upp texten, eller ta bort tecken som öppnar men aldrig stänger något."),
    Message("part-namn", "fel", "Två medlemmar i olika förbund skulle få samma sida under Parter.",
            "content/grannby/forbund.yaml:14:11: fel [part-namn] Medlemmen `Region Exempel.` skulle få samma sida "
            "(parter/region-exempel/) som `Region Exempel` i content/exempel/forbund.yaml.",
            "Skriv namnet likadant som i det andra förbundet om det är samma organisation, annars ett namn som "
            "skiljer sig med mer än skiljetecken."),
    Message("okänd-fil", "varning", "En fil eller mapp som finsam-site inte använder.",
            "content/solleftea/2025/budget.xlsx: varning [okänd-fil] Okänd fil här; den används inte.",
            "Flytta eller ta bort den."),
    Message("teckenkodning", "fel", "Filen är inte sparad som UTF-8 (utan till exempel Windows-1252 eller UTF-16).",
            "insatser/02-halsolots.md:1:1: fel [teckenkodning] Filen är inte sparad som UTF-8 utan troligen som "
            "UTF-16 (det som Anteckningar och Word kallar ”Unicode”).",
            "Spara om filen som UTF-8 i din editor (Spara som → Kodning: UTF-8)."),
    Message("yaml-syntax", "fel", "Filen kan inte läsas som YAML: citattecken från Word, ett kolon utan mellanslag "
            "efter, fel indrag, tabbtecken, ett kolon i en text utan citattecken, en nyckel två gånger.",
            "plan.yaml:7:7: fel [yaml-syntax] Efter kolonet i `vision:` saknas ett mellanslag.",
            "Skriv ett mellanslag efter kolonet: `vision: Alla har en plats i arbetslivet.`."),
    Message("framsida-saknas", "fel", "En Markdown-fil börjar inte med fälten mellan två rader `---`.",
            "mal/02-samverkan.md:1:1: fel [framsida-saknas] Fälten överst i filen avslutas aldrig med en rad `---`.",
            "Lägg till en rad med bara `---` efter fälten."),
    Message("citattecken", "varning", "En text står inom typografiska citattecken (”…”), som skulle publiceras.",
            "plan.yaml:5:9: varning [citattecken] Texten står inom typografiska citattecken (`”…”`), som publiceras "
            "som en del av texten.",
            "Var de menade som YAML-citattecken, skriv raka: `\"Alla har en plats.\"`. Ska de synas på sidan, sätt "
            "hela texten inom raka citattecken: `'”Alla har en plats.”'`."),
    Message("att-göra", "varning", "En markering ATT GÖRA från en mall finns kvar.",
            "plan.yaml:4:3: varning [att-göra] Kvar att göra: skriv planens vision.",
            "Gör det som står och ta sedan bort markeringen ATT GÖRA (hela raden om den är en kommentar)."),
    Message("schema-saknas", "fel", "Ett fält som måste finnas saknas.",
            "mal/01-fler-i-arbete.md:2:1: fel [schema-saknas] Fältet `rubrik` saknas.", "Lägg till `rubrik: …`."),
    Message("schema-okänt-fält", "fel", "Ett fält som inte finns, ofta felstavat.",
            "insatser/01-steget.md:9:1: fel [schema-okänt-fält] Okänt fält `beviljad`.", "menade du `beviljat`?"),
    Message("schema-tomt", "fel", "Ett fält eller en lista är tom men måste ha ett värde.",
            "plan.yaml:2:4: fel [schema-tomt] `år` är tomt.", "Skriv ett värde efter kolonet eller ta bort raden."),
    Message("schema-typ", "fel", "Ett värde har fel form: en text där det ska vara en lista, ett tal eller ett datum, "
            "eller en tom fil.",
            "plan.yaml:16:14: fel [schema-typ] `planår` ska vara en lista.",
            "Skriv en punkt per rad som börjar med `- `."),
    Message("schema-värde", "fel", "Ett värde går inte att använda: ett belopp, datum, id, procenttal eller ett "
            "val som inte finns.",
            "plan.yaml:4:11: fel [schema-värde] `beslutad`: `2024-1-5` är inte skrivet som ÅÅÅÅ-MM-DD.",
            "Skriv månad och dag med två siffror: `2024-01-05`."),
    Message("plan-år", "fel", "Planens `år:` stämmer inte med mappens namn.",
            "plan.yaml:2:4: fel [plan-år] Planens år 2024 stämmer inte med mappens namn 2025.",
            "Byt `år:` till 2025 eller mappens namn till 2024."),
    Message("id-dubblett", "fel", "Två medlemmar har samma id.",
            "forbund.yaml:12:9: fel [id-dubblett] Medlemmen `region-vasternorrland` finns två gånger.",
            "Ta bort den ena, eller ge den ett eget id om det är två olika medlemmar."),
    Message("ref-part", "fel", "En part eller medlem som inte finns i forbund.yaml.",
            "insatser/01-steget.md:4:10: fel [ref-part] Parten `Försäkringskassan` är skriven med sitt namn; här "
            "anges medlemmens id.",
            "Skriv `forsakringskassan` (id:t för Försäkringskassan i forbund.yaml)."),
    Message("medlem-år", "fel", "En part eller medlem som inte var medlem i förbundet det år dokumentet avser "
            "(forbund.yaml anger `från:` eller `till:`).",
            "budget.yaml:24:21: fel [medlem-år] Medlemmen `kils-kommun` (Kils kommun) var inte medlem i förbundet "
            "2018; enligt forbund.yaml är den medlem från 2019.",
            "Ta bort `kils-kommun` här om dokumentet avser 2018, eller rätta `från:`/`till:` för medlemmen i "
            "forbund.yaml."),
    Message("ref-förbund", "fel eller varning", "En föregångare eller efterträdare som inte finns på webbplatsen, "
            "är förbundet självt, eller (varning) har ett annat datum för sammanslagningen i det andra förbundets "
            "forbund.yaml.",
            "content/nya-norra/forbund.yaml:9:15: fel [ref-förbund] Förbundet `gamla-norr` finns inte på "
            "webbplatsen.",
            "menade du `gamla-norra`?"),
    Message("varav-plats", "fel", "En `varav:`-rad som inte följer en post i samma lista, eller en grupp som är "
            "markerad som `varav:`.",
            "budget.yaml:14:13: fel [varav-plats] En `varav:`-rad är en del av posten före den i samma lista, men "
            "här finns ingen post före den.",
            "Flytta raden direkt efter den post den är en del av, eller ta bort `varav: ja`."),
    Message("fördelas-nyckel", "fel", "En rad med `fördelas: ja` i en tabell utan `fördelningsnyckel:`.",
            "budget.yaml:12:13: fel [fördelas-nyckel] Raden ska fördelas enligt tabellens fördelningsnyckel, men "
            "tabellen har ingen `fördelningsnyckel:`.",
            "Lägg till `fördelningsnyckel:` i tabellen med varje medlems andel i procent, eller ta bort "
            "`fördelas: ja`."),
    Message("ref-mål", "fel", "Ett mål som inte finns i planens mapp mal/.",
            "insatser/01-steget.md:14:7: fel [ref-mål] Målet `fler-i-arbetet` finns inte.",
            "menade du `fler-i-arbete`?"),
    Message("ref-område", "fel", "Ett strategiskt område, fokusområde eller målgrupp som plan.yaml inte har.",
            "mal/01-fler-i-arbete.md:9:25: fel [ref-område] `fokusområden`: id `vagen-till-arbet` finns inte.",
            "menade du `vagen-till-arbete`?"),
    Message("ref-tabell", "fel", "Ett avsnitt visar en tabell som inte finns i mappen tabeller/.",
            "avsnitt/01-inledning.md:3:12: fel [ref-tabell] Tabellen `malkart` finns inte.", "menade du `malkarta`?"),
    Message("ref-insats", "fel", "En budgetrad eller ett utfall hänvisar till en insats som inte finns.",
            "budget.yaml:38:25: fel [ref-insats] Insatsen `vidare-vyy` finns inte.", "menade du `vidare-vy`?"),
    Message("ref-tillfälle", "fel", "Ett utfall hänvisar till ett uppföljningstillfälle som inte finns.",
            "uppfoljning.yaml:9:18: fel [ref-tillfälle] Tillfället `delår-2042` finns inte.",
            "menade du `delar-2024`?"),
    Message("ref-mått", "fel", "Ett utfall anger ett mått som målet inte har.",
            "uppfoljning.yaml:11:12: fel [ref-mått] Målet `fler-i-arbete` har 1 mått; ange `mått:` som ett nummer "
            "från 1 till 1."),
    Message("utfall-form", "fel", "Ett utfall gäller både eller inget av mål och insats.",
            "uppfoljning.yaml:8:5: fel [utfall-form] Ett utfall gäller antingen ett mål (`mål:` och `mått:`) eller "
            "en insats (`insats:`)."),
    Message("ref-status", "fel", "En status som ett utfall anger finns inte i förbundets statusskala.",
            "uppfoljning.yaml:12:25: fel [ref-status] Statusen `orange` finns inte i statusskalan.",
            "Skriv ett av orden i statusskalan: `grön`, `gul`, `röd`; förbundets egna ord skrivs under "
            "`statusskala:` i forbund.yaml eller uppfoljning.yaml."),
    Message("tabell-bredd", "fel", "En rad i en fri tabell har fel antal celler.",
            "tabeller/malkarta.yaml:4:5: fel [tabell-bredd] Raden har 2 celler men tabellen har 3 kolumner.",
            'Lägg till tomma celler `""` eller ta bort överflödiga.'),
    Message("tabell-oanvänd", "varning", "En tabell som inget avsnitt visar.",
            "tabeller/malkarta.yaml:1:1: varning [tabell-oanvänd] Tabellen visas inte på någon sida.",
            "Lägg till `tabeller: [malkarta]` i det avsnitt där den hör hemma."),
    Message("budget-bredd", "fel", "En budgetrad har fel antal belopp.",
            "budget.yaml:14:21: fel [budget-bredd] Raden har 4 belopp men tabellen har 3 kolumner.",
            "Kommatecknet i `1 200 000,0` delade talet i två: inom `[ ]` skiljer kommatecken värdena åt. Skriv "
            "beloppen med `|` emellan i stället: `belopp: 1 200 000,0 | 1 200 000 | 1 200 000`."),
    Message("budget-komma", "fel", "Ett decimalkomma inom `[ ]` har delat ett belopp i två, så att beloppen hamnar "
            "i fel kolumner.",
            "budget.yaml:14:21: fel [budget-komma] Beloppet `1 200 000,5` har delats i två av sitt decimalkomma.",
            "Kommatecknet i `1 200 000,5` delade talet i två: inom `[ ]` skiljer kommatecken värdena åt. Skriv "
            "beloppen med `|` emellan i stället: `belopp: 1 200 000,5 | 1 200 000`."),
    Message("okänt-utan-anm", "fel", "Ett belopp är `okänt` men raden förklarar inte varför.",
            "budget.yaml:20:21: fel [okänt-utan-anm] Ett belopp är `okänt` men raden förklarar inte varför.",
            "Lägg till `anm:` med en förklaring, till exempel att siffran inte går att läsa i källan."),
    Message("base-url", "fel", "`base_url` i site.yaml är inte en fullständig webbadress.",
            "site.yaml:4:11: fel [base-url] `base_url` måste vara en fullständig webbadress, inte `example.se`.",
            "Skriv adressen där webbplatsen publiceras, till exempel https://www.example.se/planer/."),
    Message("uppföljning-finsam-ändrad", "varning", "`export`: en senare plan ger en insats en annan inriktning "
            "eller ESF-finansiering, som inte kan ändras i Uppföljning Finsam när insatsen är registrerad.",
            "content/exempel/2025/insatser/01-vidare-vy.md:2:5: varning [uppföljning-finsam-ändrad] Insatsen "
            "`Vidare Vy` har inriktningen strukturövergripande i planen 2025 men individinriktad i planen 2024: "
            "inriktningen kan inte ändras i Uppföljning Finsam när insatsen väl är registrerad.",
            "Är det en ny insats, ge den ett nytt id (ett nytt filnamn) och registrera den som en ny insats i "
            "Uppföljning Finsam; annars skriv samma uppgift som i den tidigare planen."),
    Message("export-mapp", "fel", "`export` ska skriva blanketterna i en mapp utanför den byggda webbplatsen.",
            "output/blanketter: fel [export-mapp] output/blanketter ligger i en byggd webbplats (/hem/output); "
            "blanketterna är för förbundet, inte för allmänheten.",
            "Välj en mapp utanför webbplatsens utdata, till exempel `blanketter`."),
    Message("katalog-orgnr", "varning", "Ett förbund utan organisationsnummer på en webbplats med `base_url`: "
            "datakatalogen för Sveriges dataportal kan inte ange utgivaren så att dataportalen känner igen den.",
            "content/ange/forbund.yaml:1:7: varning [katalog-orgnr] Samordningsförbund Ånge har inget "
            "organisationsnummer: datakatalogen för Sveriges dataportal kan då inte ange utgivaren så att "
            "dataportalen känner igen förbundet.",
            "Skriv förbundets organisationsnummer i forbund.yaml, till exempel `orgnr: 222000-2063`."),
    Message("katalog-kontakt", "varning", "Kontakten i site.yaml har ingen e-postadress, som datakatalogen måste "
            "ange.",
            "site.yaml:5:3: varning [katalog-kontakt] Kontakten i site.yaml har ingen e-postadress, som "
            "datakatalogen för Sveriges dataportal måste ange för varje datamängd.",
            "Skriv en adress under `kontakt:`, till exempel `e-post: kansli@example.se`."),
    Message("katalog-licens", "varning", "Licensen i site.yaml har ingen adress, så datakatalogen kan inte ange den.",
            "site.yaml:8:9: varning [katalog-licens] Licensen `Egen licens` har ingen adress, så datakatalogen kan "
            "inte ange den för filerna.",
            "Skriv licensens adress under `licens:`, till exempel "
            "`url: https://creativecommons.org/licenses/by/4.0/`."),
    Message("kvittering-oanvänd", "varning", "En kvittering i kvitteringar.yaml som inte gäller någon avvikelse.",
            "kvitteringar.yaml:2:5: varning [kvittering-oanvänd] Kvitteringen av `budget-summa` som gäller `Summa "
            "kostnader / Budget 2022` motsvarar ingen avvikelse.",
            "Ta bort den om avvikelsen är rättad eller uppgiften står som `ej angivet`, eller rätta "
            "`regel:`/`gäller:` efter meddelandet."),
    Message("kvittering-tvetydig", "fel", "En kvittering passar på flera avvikelser; en kvittering gäller en enda "
            "avvikelse, så den kvitterar ingen av dem.",
            "kvitteringar.yaml:4:5: fel [kvittering-tvetydig] Kvitteringen av `intäkter-kostnader` passar på 3 "
            "avvikelser (`Budget 2024`, `Budget 2025`, `Budget 2026`); en kvittering gäller en enda avvikelse, så den "
            "kvitterar ingen av dem.",
            'Ange vilken avvikelse den gäller med `gäller:`, till exempel `gäller: "Budget 2024"`, och skriv en '
            "kvittering för var och en av de andra som står så i källan."),
]

BUILD = [
    Message("mall-syntax", "fel", "En egen mall i templates/ har ett syntaxfel.",
            "templates/plan.html:12:1: fel [mall-syntax] Mallen har ett syntaxfel: …"),
    Message("mall-fel", "fel", "En sida kunde inte skapas med en egen mall.",
            "templates/plan.html:30:1: fel [mall-fel] Sidan exempel/2024/index.html kunde inte skapas: …",
            "Ett värde som mallen använder saknas; kontrollera mallen eller innehållet."),
    Message("länk-saknas", "fel", "En intern länk leder till en sida som inte finns (`build --check-links`).",
            "exempel/2024/index.html:40:7: fel [länk-saknas] Länken `mal/` pekar på `exempel/2024/mal/`, som inte "
            "finns på webbplatsen.", "Rätta länken i innehållet (Markdown) eller i mallen som skapar sidan."),
    Message("länk-ankare", "fel", "En intern länk leder till ett ankare som sidan inte har (`build --check-links`).",
            "exempel/2024/index.html:41:7: fel [länk-ankare] Länken `#budget` pekar på ankaret `#budget`, som inte "
            "finns på sidan `exempel/2024/index.html`.",
            "Rätta länken i innehållet (Markdown) eller i mallen som skapar sidan."),
    Message("pdf", "fel eller varning", "PDF kan inte skapas på den här datorn (WeasyPrint saknas).",
            "site.yaml: fel [pdf] PDF av planerna kan inte skapas här: …",
            "WeasyPrint behöver Pango från systemet (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)."),
    Message("sök", "fel eller varning", "Sökindexet kan inte skapas (Pagefind saknas eller misslyckades).",
            "site.yaml: varning [sök] Sökindexet kan inte skapas här: Pagefind är inte installerat. Webbplatsen "
            "byggs utan sökning.",
            "Installera finsam-site på nytt (python3 -m pip install -e .), som också installerar pagefind-bin."),
    Message("utdata", "fel", "Den byggda webbplatsen kunde inte skrivas till utdatamappen.",
            "output: fel [utdata] Utdata kunde inte skrivas: …"),
    Message("serve", "fel", "Förhandsvisningen kan inte starta, till exempel för att porten är upptagen.",
            "--port: fel [serve] Porten 8000 kan inte användas: Address already in use.",
            "Välj en annan port med --port, t.ex. 8001."),
    Message("ny", "fel", "`finsam-site new` kan inte skapa förbundet eller planen.",
            "content/solleftea/2025: fel [ny] Planen för 2025 finns redan i content/solleftea/2025.",
            "finsam-site skriver aldrig över filer; välj ett annat namn eller år."),
    Message("import", "fel", "`finsam-site import` läser inte filen: den är skyddad med lösenord, skadad, i ett "
            "gammalt format (.doc, .xls), för stor, en zip-bomb eller en arbetsbok utan budgettabell; eller planen "
            "finns redan.",
            "budget.xls: fel [import] Filen är i det gamla .xls-formatet, som finsam-site inte läser.",
            "Öppna den i Excel och välj Arkiv → Spara som → Excel-arbetsbok (*.xlsx) …; importera sedan den nya "
            "filen."),
    Message("publicera", "fel", "Publiceringen kunde inte föras över till målmappen.",
            "/srv/www: fel [publicera] …"),
]


ACK = "Rätta uppgiften om den är fel avskriven. Står den så i den beslutade planen, kvittera avvikelsen i …"
# an example of each substance rule's message (the rules themselves are in rules/)
RULE_EXAMPLES = {
    "budget-summa": ("budget.yaml:56:23: fel [budget-summa] Summa insatser (Budget 2025) är −1 851 000 kr men raderna "
                     "ger −1 850 000 kr.", ACK),
    "budget-resultat": ("budget.yaml:50:15: fel [budget-resultat] Resultat (Budget 2025) är 0 kr men intäkter och "
                        "kostnader ger −0,5 kr.", ACK),
    "eget-kapital-summa": ("budget.yaml:60:15: fel [eget-kapital-summa] Utgående eget kapital (Budget 2025) är "
                           "1 200 000 kr men ingående eget kapital plus resultatet ger 1 100 000 kr.", ACK),
    "insats-belopp": ("insatser/01-steget.md:9:9: fel [insats-belopp] Steget har beviljats 950 000 kr för 2025 men "
                      "budgetraden ”Steget” (Budget 2025) är 900 000 kr.", ACK),
    "finsam-fördelning": ("budget.yaml:13:21: fel [finsam-fördelning] Regionens andel av medlemsbidragen (Budget 2025) "
                          "är 20,0 % (500 tkr av 2 500 tkr); lagen anger 25 %.", ACK),
    "fördelningsnyckel": ("budget.yaml:40:18: fel [fördelningsnyckel] Enligt fördelningsnyckeln i ”Budget 2025” "
                          "bidrar regionen med 20,0 % av medlemsbidragen; lagen anger 25 %.", ACK),
    "budget-varav": ("budget.yaml:18:21: fel [budget-varav] Varav-raderna under ”Medlemsbidrag” (Budget 2025) är "
                     "sammanlagt 5 100 tkr, mer än raden själv (5 022 tkr).", ACK),
    "intäkter-kostnader": ("budget.yaml:2:5: fel [intäkter-kostnader] Kostnaderna (Plan 2026, 2 400 000 kr) är större "
                           "än intäkterna (1 200 000 kr); budgeten ska upprättas så att intäkterna överstiger "
                           "kostnaderna.", "Ange skälet i `synnerliga_skäl:` i plan.yaml om planen anger sådana …"),
    "eget-kapital-andel": ("budget.yaml:62:15: varning [eget-kapital-andel] Eget kapital vid årets slut (Budget 2025) "
                           "är 900 tkr, 36 % av årets medlemsbidrag; rekommendationen är högst 20 %.", ACK),
    "beslut-senast": ("plan.yaml:4:11: fel [beslut-senast] Budgeten för 2025 beslutades 5 december 2024, efter den "
                      "30 november 2024; styrelsen ska fastställa budgeten senast den 30 november året före.", ACK),
    "tre-år": ("plan.yaml:3:8: varning [tre-år] Planen ska omfatta tre år, 2025–2027, men anger planåren 2026.", ACK),
    "insats-parter": ("insatser/01-steget.md:4:9: fel [insats-parter] Insatsen Steget involverar 1 av "
                      "medlemsparterna (Sollefteå kommun); en insats ska involvera minst två (staten och kommunerna "
                      "räknas som en part var).", ACK),
    "budgetmål": ("budget.yaml:30:21: varning [budgetmål] Administrationens andel av kostnaderna (Budget 2025) "
                  "är 18,2 %; "
                  "planens eget mål är högst 15 %.", ACK),
    "utfall-andel": ("uppfoljning.yaml:14:12: fel [utfall-andel] Utfallet anges som 60 % men 30 av 60 är 50,0 %.", ACK),
    "utfall-status": ("uppfoljning.yaml:15:25: fel [utfall-status] Rapporten anger status ”uppnått” men målvärdet och "
                      "utfallet ger ”delvis uppnått”.", ACK),
    "utfall-mot-budget": ("2024-arsredovisning/ekonomi.yaml:5:9: varning [utfall-mot-budget] Årsredovisningen anger "
                          "budgeten för intäkterna 2024 till 5 100 000 kr, men planen för 2024 budgeterar "
                          "5 022 000 kr.", "Jämför med budget.yaml i planen för 2024. " + ACK),
    "balansräkning": ("2024-arsredovisning/ekonomi.yaml:52:9: fel [balansräkning] Tillgångarna (2024-12-31, "
                      "1 225 tkr) är inte lika med eget kapital och skulder (902 tkr + 320 tkr = 1 222 tkr).", ACK),
}


def messages() -> list[Message]:
    return FORM + BUILD


def table() -> str:
    """docs/meddelanden.md (in Swedish: the authors' reference)."""
    from ..check.rules import registry

    lines = [
        "# Meddelanden",
        "",
        "<!-- Skapad med `python -m finsam_site.authoring.messages > docs/meddelanden.md`; "
        "tests/test_message_table.py håller den i takt med koden. -->",
        "",
        "Alla meddelanden som finsam-site kan skriva ut, med regelns id inom hakparentes. Ett `fel` stoppar bygget; "
        "en `varning` stoppar det bara med `--strict`. Varje meddelande anger fil, rad och kolumn och, där det går, "
        "ett tips om vad som ska stå i stället. Felen skrivs ut före varningarna, i terminalen och på "
        "förhandsvisningens felsida (som också visar raderna i filen och länkar till den).",
        "",
        "När en fil inte går att läsa, eller en plan har fel i formen (en hänvisning som inte finns, en rad med fel "
        "antal belopp), visas bara det felet: hänvisningar till filen och innehållsreglerna nedan väntar tills felet "
        "är rättat, eftersom det de skulle säga bara vore följder av det.",
        "",
        "## Läsning och form",
        "",
        *_rows(FORM),
        "",
        "## Innehållsregler (lagen om finansiell samordning, rekommendationer och aritmetik)",
        "",
        "Reglerna beskrivs närmare i docs/rules.md. En avvikelse som står i dokumentet självt kvitteras i "
        "kvitteringar.yaml, en kvittering per avvikelse; tipset i meddelandet visar hur. En uppgift som dokumentet "
        "inte anger skrivs `ej angivet` och kvitteras inte: regeln visas då som *Kan inte prövas*.",
        "",
        *_rows([Message(r.id, r.severity, f"{r.title}: {r.description} ({r.source})", *RULE_EXAMPLES[r.id])
                for r in registry()]),
        "",
        "## Bygget och förhandsvisningen",
        "",
        *_rows(BUILD),
        "",
    ]
    return "\n".join(lines)


def _rows(found: list[Message]) -> list[str]:
    rows = ["| id | allvarlighet | vad | exempel |", "| --- | --- | --- | --- |"]
    for m in found:
        where, text = m.example.split(": ", 1)
        example = f"`{where}`: {_cell(text)}" + (f"<br>tips: {_cell(m.hint)}" if m.hint else "")
        rows.append(f"| `{m.rule}` | {m.severity} | {_cell(m.meaning)} | {example} |")
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


if __name__ == "__main__":  # pragma: no cover
    print(table(), end="")
