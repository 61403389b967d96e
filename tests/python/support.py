"""What the Python tests share: a small multilingual corpus and a temporary index of it."""

import os
import shutil
import tempfile

import sova

# Original news-like articles in English, Ukrainian and Russian. Kyiv is the subject of one
# article in each language (written in each language's spelling); Kharkiv appears in two.
ARTICLES = [
    dict(id="en-kyiv-power", lang="en", date="2023-11-03", source="Morning Wire",
         url="https://wire.example/kyiv-power",
         title="Kyiv braces for a winter of rolling blackouts",
         text="Engineers in Kyiv are repairing substations before the frost. The city council of Kyiv "
              "says rolling blackouts may return in December, and hospitals have bought generators."),
    dict(id="uk-kyiv-power", lang="uk", date="2023-11-04", source="Ранкові вісті",
         title="Київ готується до зими з відключеннями світла",
         text="Енергетики Києва ремонтують підстанції до морозів. У Києві знову можливі графіки "
              "відключень світла, а лікарні закупили генератори."),
    dict(id="ru-kyiv-power", lang="ru", date="2023-11-05", source="Утренний выпуск",
         title="Киев готовится к зиме с отключениями света",
         text="Энергетики Киева ремонтируют подстанции до морозов. В Киеве снова возможны графики "
              "отключений, а больницы закупили генераторы."),
    dict(id="en-kharkiv-metro", lang="en", date="2023-08-14", source="Morning Wire",
         title="Kharkiv metro reopens after repairs",
         text="The metro in Kharkiv reopened on Monday after three weeks of repairs to the tunnels. "
              "Passengers in Kharkiv welcomed the trains back."),
    dict(id="uk-kharkiv-school", lang="uk", date="2023-09-01", source="Ранкові вісті",
         title="У Харкові школи відкрилися під землею",
         text="У Харкові перший дзвоник пролунав у підземних класах. Батьки в Харкові кажуть, що діти "
              "почуваються безпечніше."),
    dict(id="en-grain", lang="en", date="2023-07-20", source="Harbour Report",
         title="Grain ships wait outside Odesa",
         text="Dozens of grain ships are waiting outside Odesa while insurers weigh the risks of the "
              "Black Sea route. Farmers fear the harvest will rot in silos."),
    dict(id="ru-grain", lang="ru", date="2023-07-22", source="Утренний выпуск",
         title="Зерновые суда ждут у Одессы",
         text="Десятки судов с зерном ждут у Одессы, пока страховщики оценивают риски маршрута по "
              "Черному морю. Фермеры боятся, что урожай сгниёт в элеваторах."),
    dict(id="en-football", lang="en", date="2022-05-30", source="Sports Desk",
         title="Local football club wins the cup",
         text="The club won the cup final on penalties after a goalless match in front of a full stadium."),
]


class TempIndex:
    """A temporary folder holding an index of ARTICLES (or none, with articles=())."""

    def __init__(self, articles=ARTICLES):
        self.folder = tempfile.mkdtemp(prefix="sova-python-test-")
        self.path = os.path.join(self.folder, "news.idx")
        if articles:
            with sova.IndexWriter(self.path) as writer:
                for article in articles:
                    writer.add(**article)

    def close(self):
        shutil.rmtree(self.folder, ignore_errors=True)


def ids(results):
    """The ids of the hits, best first."""
    return [hit.id for hit in results.hits]
