import './Shell.css';

import { ActionIcon, Burger } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconAnchor, IconBrandDocker, IconBulb, IconSearch } from '@tabler/icons-react';
import { memo, type ReactElement, type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { areaSections, navigationAreas } from '@shared/areas';

import { useNavigation } from '../stores/navigation';
import { palette } from '../stores/palette';
import { useTrainer } from '../stores/trainer';
import { AreaIcon } from './AreaIcon';
import { ConceptPanel } from './ConceptPanel';
import { EngineBanner } from './EngineBanner';
import { Hint } from './Hint';
import { JournalButton } from './JournalButton';
import { LanguageSwitch } from './LanguageSwitch';
import { StatusBar } from './StatusBar';
import { ThemeSwitch } from './ThemeSwitch';

/** Presentation mode on a window narrower than this (a projector's 1024 px) starts with the concept panel closed. */
const ROOM_FOR_CONCEPT = '(min-width: 75em)';

/** The frame around every view: navigation, header, concept panel, status bar, engine banner. */
export function Shell({ conceptId, children }: { conceptId: string; children: ReactNode }): ReactElement {
  const { t } = useTranslation();
  const [navOpen, nav] = useDisclosure(false);
  const presentation = useTrainer((s) => s.presentation);
  const [conceptOpen, concept] = useDisclosure(!presentation || window.matchMedia(ROOM_FOR_CONCEPT).matches);
  const closeConcept = concept.close;
  useEffect(() => {
    if (presentation && !window.matchMedia(ROOM_FOR_CONCEPT).matches) closeConcept();
  }, [presentation, closeConcept]);
  const go = useNavigation((s) => s.go);
  useHotkeys(navigationAreas.map(({ id }, index) => [`alt+${index + 1}`, () => go(id)] as [string, () => void]));

  // The frame's layout is Shell.css: fixed bars and side columns around the page, which scrolls.
  return (
    <div className="lotse-shell" data-nav-open={navOpen || undefined} data-concept-open={conceptOpen || undefined}>
      <a href="#main" className="lotse-skip-link">
        {t('shell.skipToContent')}
      </a>
      <ShellHeader navOpen={navOpen} toggleNav={nav.toggle} conceptOpen={conceptOpen} toggleConcept={concept.toggle} />

      <ShellNavbar closeNav={nav.close} />

      <main id="main" className="lotse-shell-main">
        <EngineBanner />
        {children}
      </main>

      <aside className="lotse-shell-aside" aria-label={t('shell.concept.title')}>
        <MemoConceptPanel conceptId={conceptId} />
      </aside>

      <footer className="lotse-shell-footer">
        <MemoStatusBar />
      </footer>
    </div>
  );
}

// The header, the navigation, the concept panel and the status bar do not change with the view inside
// the frame: they are drawn again only when their own props or stores change, not with every answer
// the view receives.
const MemoConceptPanel = memo(ConceptPanel);
const MemoStatusBar = memo(StatusBar);

interface HeaderProps {
  navOpen: boolean;
  toggleNav: () => void;
  conceptOpen: boolean;
  toggleConcept: () => void;
}

const ShellHeader = memo(function ShellHeader({ navOpen, toggleNav, conceptOpen, toggleConcept }: HeaderProps): ReactElement {
  const { t } = useTranslation();
  return (
    <header className="lotse-shell-header">
      <div className="lotse-row">
        <Burger opened={navOpen} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNavigation')} />
        <IconAnchor size={26} aria-hidden />
        <h1 className="lotse-h1">{t('app.name')}</h1>
        <p className="lotse-text lotse-sm lotse-dimmed lotse-shell-tagline">{t('app.tagline')}</p>
      </div>
      <div className="lotse-row">
        <Hint label={`${t('shell.palette.open')} (${t('shell.palette.hint')})`}>
          <ActionIcon variant="default" size="lg" onClick={() => palette.open()} aria-label={t('shell.palette.open')}>
            <IconSearch size={18} />
          </ActionIcon>
        </Hint>
        <JournalButton />
        <LanguageSwitch />
        <ThemeSwitch />
        <Hint label={conceptOpen ? t('shell.concept.hide') : t('shell.concept.show')}>
          <ActionIcon
            variant={conceptOpen ? 'filled' : 'default'}
            size="lg"
            onClick={toggleConcept}
            aria-label={conceptOpen ? t('shell.concept.hide') : t('shell.concept.show')}
            aria-pressed={conceptOpen}
            data-testid="concept-toggle"
          >
            <IconBulb size={18} />
          </ActionIcon>
        </Hint>
      </div>
    </header>
  );
});

const ShellNavbar = memo(function ShellNavbar({ closeNav }: { closeNav: () => void }): ReactElement {
  const { t } = useTranslation();
  const area = useNavigation((s) => s.area);
  const go = useNavigation((s) => s.go);
  return (
    <nav className="lotse-shell-navbar" aria-label="Lotse">
      {areaSections.map((section) => (
        <div key={section}>
          <p className="lotse-text lotse-xs lotse-dimmed lotse-caps lotse-shell-section">{t(`nav.sections.${section}`)}</p>
          {navigationAreas
            .filter((a) => a.section === section)
            .map(({ id, icon }) => (
              <a
                key={id}
                href={`#/${id}`}
                className="lotse-shell-link"
                aria-current={area === id ? 'page' : undefined}
                data-testid={`nav-${id}`}
                onClick={(event) => {
                  event.preventDefault();
                  go(id);
                  closeNav();
                }}
              >
                <AreaIcon icon={icon} size={18} />
                <span>{t(`nav.${id}`)}</span>
              </a>
            ))}
        </div>
      ))}
      <p className="lotse-text lotse-xs lotse-dimmed lotse-row lotse-shell-palette-hint">
        <IconBrandDocker size={16} aria-hidden />
        <span>
          {t('shell.palette.hint')}: {t('shell.palette.open')}
        </span>
      </p>
    </nav>
  );
});
