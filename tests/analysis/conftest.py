"""A small Japan–Cambodia corpus, hand-coded (records only: the store tests write it to a database)."""

from __future__ import annotations

from amity.models import CodedArticle
from tests.analysis.helpers import Ev, make_article

BRIDGE_2015 = "Japan signed a grant of US$ 10 million with Cambodia on 9 April 2015 to build the Tsubasa bridge."
BRIDGE_2015_AGAIN = "On 9 April Japan handed Cambodia a US$ 10 million grant for the Tsubasa bridge."
BRIDGE_2016 = "Japan signed a grant of US$ 10 million with Cambodia on 4 January 2016 to build the Tsubasa bridge."
TOTAL_LOW = "Japan's total aid to Cambodia has reached more than US$ 2.3 billion since 1992."
TOTAL_HIGH = "Japan has provided US$ 2.8 billion since 1993, making it the top bilateral donor to Cambodia."
SECOND = "Japan is now the second largest donor to Cambodia after China."


def corpus() -> list[CodedArticle]:
    return [
        make_article("courier-2015.txt", "2015-04-10", [
            BRIDGE_2015, TOTAL_LOW, "In 1979 Vietnamese troops entered Phnom Penh and ended the regime.",
        ], [
            Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-09", goldstein=7.4, trigger="signed a grant",
               amounts=[(10e6, "currency", "USD", "US$ 10 million")]),
            Ev(1, "JPN", "KHM", "07", "2015-04-10", basis="publication", goldstein=7.0, trigger="aid",
               amounts=[(2.3e9, "currency", "USD", "US$ 2.3 billion")]),
            Ev(2, "VNMMIL", "KHM", "190", "1979", precision="year", goldstein=-10.0, trigger="entered"),
        ], source="Phnom Penh Courier"),
        make_article("post-2015.txt", "2015-04-11", [BRIDGE_2015_AGAIN, TOTAL_HIGH], [
            Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-09", goldstein=7.4, trigger="handed",
               amounts=[(10e6, "currency", "USD", "US$ 10 million")]),
            Ev(1, "JPN", "KHM", "07", "2015-04-11", basis="publication", goldstein=7.0, trigger="provided",
               amounts=[(2.8e9, "currency", "USD", "US$ 2.8 billion")]),
        ], source="Daily Post"),
        make_article("courier-2016.txt", "2016-01-05", [BRIDGE_2016], [
            Ev(0, "JPNGOV", "KHMGOV", "0711", "2016-01-04", goldstein=7.4, trigger="signed a grant"),
        ]),
        make_article("times-2018.txt", "2018-07-31", [
            "Japan criticised Cambodia in July 2018 over the ban on the opposition party.",
            SECOND,
            "China pledged new aid to Cambodia on 30 July 2018.",
            "Japan sent election monitors to Cambodia in 2018.",
        ], [
            Ev(0, "JPNGOV", "KHMGOV", "111", "2018-07", precision="month", goldstein=-2.0, trigger="criticised"),
            Ev(2, "CHNGOV", "KHMGOV", "0711", "2018-07-30", goldstein=7.4, trigger="pledged"),
            Ev(3, "JPNGOV", "KHMGOV", "0711", "2018", precision="year", goldstein=7.4, trigger="sent"),
        ]),
    ]
